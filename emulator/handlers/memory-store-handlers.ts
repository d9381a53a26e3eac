import { parseCreateMemoryStoreBody, parseUpdateMemoryStoreBody } from "../validation/memory-store-body";
import { type Handler, type HandlerCall, pathParam } from "./handler";
import { archiveObject, deleteObject, getObject, listObjects, objectView } from "./object-handlers";

const memoryStores = (call: HandlerCall) => call.state.memoryStores;

/** `POST /memory_stores` → 201 MemoryStore. */
export const createMemoryStore: Handler = ({ body, state }) => ({
  status: 201,
  body: objectView(state.memoryStores.create(parseCreateMemoryStoreBody(body))),
});

/** `GET /memory_stores` → page of MemoryStores. */
export const listMemoryStores = listObjects(memoryStores);

/** `GET /memory_stores/{memory_store_id}` → MemoryStore. */
export const getMemoryStore = getObject(memoryStores, "memory_store_id");

/** `POST /memory_stores/{memory_store_id}` → updated MemoryStore. */
export const updateMemoryStore: Handler = (call) => {
  const id = pathParam(call, "memory_store_id");
  call.state.memoryStores.require(id);
  const patch = parseUpdateMemoryStoreBody(call.body);
  return { status: 200, body: objectView(call.state.memoryStores.update(id, patch)) };
};

/** `POST /memory_stores/{memory_store_id}/archive` → MemoryStore with `archived_at` set. */
export const archiveMemoryStore = archiveObject(memoryStores, "memory_store_id");

/** `DELETE /memory_stores/{memory_store_id}` → `{id, type: "memory_store_deleted"}`. */
export const deleteMemoryStore = deleteObject(memoryStores, "memory_store_id", "memory_store_deleted");
