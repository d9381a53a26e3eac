import type { EmulatorState } from "./domain/emulator-state";
import type { MemoryStore } from "./domain/object-wire-types";
import { objectView } from "./handlers/object-handlers";
import { outOfBand } from "./out-of-band";
import { parseUpdateMemoryStoreBody } from "./validation/memory-store-body";

/** An out-of-band memory store update, as the API's update body spells it. */
export interface MemoryStoreUpdateInput {
  name?: string;
  description?: string | null;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
}

/**
 * Test controls over agents, environments, memory stores and vaults: read views (deep copies,
 * archived objects included, deleted ones gone) and changes made outside the API, as someone
 * using the console would make them. A change follows the API's rules and throws
 * `Emulator rejected the change: …` where the API would refuse it (an unknown id, say).
 */
export interface ObjectControls {
  /** Every memory store, oldest first. */
  memoryStores(): MemoryStore[];
  /** One memory store, or `undefined` if it does not exist (or was deleted). */
  memoryStore(id: string): MemoryStore | undefined;
  /** Updates a memory store out of band; archived ones refuse. */
  updateMemoryStore(id: string, update: MemoryStoreUpdateInput): MemoryStore;
  /** Archives a memory store out of band (a repeat leaves it unchanged). */
  archiveMemoryStore(id: string): MemoryStore;
  /** Deletes a memory store out of band. */
  deleteMemoryStore(id: string): void;
}

/** The controls over `state`. */
export function createObjectControls(state: EmulatorState): ObjectControls {
  const { memoryStores } = state;
  return {
    memoryStores: () => memoryStores.list(true).map(objectView),
    memoryStore: (id) => found(memoryStores.find(id), objectView),
    updateMemoryStore: (id, update) => objectView(outOfBand(() => memoryStores.update(id, parseUpdateMemoryStoreBody(update)))),
    archiveMemoryStore: (id) => objectView(outOfBand(() => memoryStores.archive(id))),
    deleteMemoryStore: (id) => outOfBand(() => memoryStores.delete(id)),
  };
}

function found<S, V>(stored: S | undefined, view: (stored: S) => V): V | undefined {
  return stored === undefined ? undefined : view(stored);
}
