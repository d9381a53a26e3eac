import type { ObjectBase, ObjectStore, StoredObject } from "../domain/object-store";
import { pageEnvelope, paginate, parseBooleanQuery, parsePageRequest } from "../http/pagination";
import { type Handler, type HandlerCall, pathParam } from "./handler";

/**
 * Handlers every kind of object has alike (list, get, archive, delete), made once here and named
 * per endpoint in each kind's handler module.
 */

/** Chooses the store a request addresses; may 404 (a credential's vault, say). */
type StorePicker<T extends ObjectBase, S extends StoredObject<T>> = (call: HandlerCall) => ObjectStore<T, S>;

/** The object the API returns: a deep copy of the public part. */
export function objectView<T extends ObjectBase>(stored: StoredObject<T>): T {
  return structuredClone(stored.object);
}

/** `GET /<kind>` → page of objects, newest first by default, archived hidden unless `include_archived=true`. */
export function listObjects<T extends ObjectBase, S extends StoredObject<T>>(pick: StorePicker<T, S>): Handler {
  return (call) => {
    const store = pick(call);
    const request = parsePageRequest(call.query, "desc");
    const includeArchived = parseBooleanQuery(call.query, "include_archived", false);
    const page = paginate(store.list(includeArchived), request);
    return { status: 200, body: pageEnvelope(page.items.map(objectView), page.nextPage) };
  };
}

/** `GET /<kind>/{id}` → the object, archived ones included. */
export function getObject<T extends ObjectBase, S extends StoredObject<T>>(pick: StorePicker<T, S>, idParam: string): Handler {
  return (call) => ({ status: 200, body: objectView(pick(call).require(pathParam(call, idParam))) });
}

/** `POST /<kind>/{id}/archive` → the object with `archived_at` set; a repeat answers it unchanged. */
export function archiveObject<T extends ObjectBase, S extends StoredObject<T>>(pick: StorePicker<T, S>, idParam: string): Handler {
  return (call) => ({ status: 200, body: objectView(pick(call).archive(pathParam(call, idParam))) });
}

/** `DELETE /<kind>/{id}` → `{id, type: deletedType}`. */
export function deleteObject<T extends ObjectBase, S extends StoredObject<T>>(
  pick: StorePicker<T, S>,
  idParam: string,
  deletedType: string,
): Handler {
  return (call) => {
    const id = pathParam(call, idParam);
    pick(call).delete(id);
    return { status: 200, body: { id, type: deletedType } };
  };
}
