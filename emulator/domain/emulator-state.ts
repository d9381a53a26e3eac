import type { TimestampClock } from "../clock";
import { AgentStore } from "./agent-store";
import { EnvironmentStore } from "./environment-store";
import { MemoryStoreStore } from "./memory-store-store";
import { type ReferencedStores, resolveSessionReferences } from "./session-references";
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

/**
 * Empty stores, wired to each other: a new session's references are checked against the agents,
 * environments, memory stores and vaults; an environment's delete against the live sessions.
 */
export function createEmulatorState(clock: TimestampClock): EmulatorState {
  const sessionsUsing = (environmentId: string): string[] =>
    sessions
      .list(false)
      .filter(({ session }) => session.environment_id === environmentId)
      .map(({ session }) => session.id);
  const referenced: ReferencedStores = {
    agents: new AgentStore(clock),
    environments: new EnvironmentStore(clock, sessionsUsing),
    memoryStores: new MemoryStoreStore(clock),
    vaults: new VaultStore(clock),
  };
  const sessions = new SessionStore(clock, (params) => resolveSessionReferences(referenced, params));
  return { sessions, ...referenced };
}
