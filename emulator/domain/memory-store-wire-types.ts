/** Shapes of the memory stores the emulator sends, in the API's snake_case. */

/** A memory store (`memstore_…`). */
export interface MemoryStore {
  id: string;
  type: "memory_store";
  name: string;
  description: string | null;
  metadata: Record<string, string>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Body of a successful `DELETE /memory_stores/{id}`. */
export interface MemoryStoreDeleted {
  id: string;
  type: "memory_store_deleted";
}
