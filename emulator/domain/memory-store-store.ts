import type { TimestampClock } from "../clock";
import type { MemoryStore } from "./memory-store-wire-types";
import { applyMetadataPatch } from "./metadata-patch";
import { ObjectStore, type StoredObject } from "./object-store";

/** A validated `POST /memory_stores` body. */
export interface MemoryStoreParams {
  name: string;
  description: string | null;
  metadata: Record<string, string>;
}

/** A validated `POST /memory_stores/{id}` body; absent members are kept. */
export interface MemoryStorePatch {
  name?: string;
  /** `null` clears the description. */
  description?: string | null;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
}

/** Memory stores (`memstore_…`). Their memories are not emulated. */
export class MemoryStoreStore extends ObjectStore<MemoryStore> {
  constructor(clock: TimestampClock) {
    super(clock, { label: "Memory store", prefix: "memstore_" });
  }

  create(params: MemoryStoreParams): StoredObject<MemoryStore> {
    return this.insert((id, now) => ({
      object: {
        id,
        type: "memory_store",
        name: params.name,
        description: params.description,
        metadata: { ...params.metadata },
        archived_at: null,
        created_at: now,
        updated_at: now,
      },
    }));
  }

  /** Applies a patch to a live memory store; an archived one is a 400. */
  update(id: string, patch: MemoryStorePatch): StoredObject<MemoryStore> {
    const stored = this.requireLive(id, "it cannot be updated");
    const store = stored.object;
    if (patch.name !== undefined) store.name = patch.name;
    if (patch.description !== undefined) store.description = patch.description;
    if (patch.metadata) applyMetadataPatch(store.metadata, patch.metadata);
    this.touch(stored);
    return stored;
  }
}
