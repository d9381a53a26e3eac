import type { TimestampClock } from "../clock";
import { AgentCatalog, type KnownAgent } from "./agent-catalog";
import { AgentStore } from "./agent-store";
import { EnvironmentStore } from "./environment-store";
import { MemoryStoreStore } from "./memory-store-store";
import { SessionStore } from "./session-store";
import { VaultStore } from "./vault-store";

/** Everything the emulator holds, one store per kind of object, sharing one clock. */
export interface EmulatorState {
  sessions: SessionStore;
  agents: AgentStore;
  environments: EnvironmentStore;
  memoryStores: MemoryStoreStore;
  vaults: VaultStore;
}

/** Empty stores, plus the agents the emulator options name. */
export function createEmulatorState(clock: TimestampClock, agents: readonly KnownAgent[] = []): EmulatorState {
  const sessions = new SessionStore(clock, new AgentCatalog(agents));
  const sessionsUsing = (environmentId: string) =>
    sessions
      .list(false)
      .filter(({ session }) => session.environment_id === environmentId)
      .map(({ session }) => session.id);
  return {
    sessions,
    agents: new AgentStore(clock),
    environments: new EnvironmentStore(clock, sessionsUsing),
    memoryStores: new MemoryStoreStore(clock),
    vaults: new VaultStore(clock),
  };
}
