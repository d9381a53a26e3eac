import type { TimestampClock } from "../clock";
import { AgentCatalog, type KnownAgent } from "./agent-catalog";
import { MemoryStoreStore } from "./memory-store-store";
import { SessionStore } from "./session-store";

/** Everything the emulator holds, one store per kind of object, sharing one clock. */
export interface EmulatorState {
  sessions: SessionStore;
  memoryStores: MemoryStoreStore;
}

/** Empty stores, plus the agents the emulator options name. */
export function createEmulatorState(clock: TimestampClock, agents: readonly KnownAgent[] = []): EmulatorState {
  return {
    sessions: new SessionStore(clock, new AgentCatalog(agents)),
    memoryStores: new MemoryStoreStore(clock),
  };
}
