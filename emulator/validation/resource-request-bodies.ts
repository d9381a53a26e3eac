import { invalidRequest } from "../api-error";
import type { FileResourceParams } from "../domain/session-params";
import type { StoredResource } from "../domain/stored-session";
import type { IdentifiedResource } from "../domain/wire-types";
import { parseRepositoryCredential } from "./credentials";
import { rejectUnknownFields, requireBodyObject, requiredString } from "./json-fields";
import { CREATE_ONLY_RESOURCE_TYPES, parseFileEntry } from "./resource-entries";

/** Validates a `POST /sessions/{id}/resources` body: only `file` resources can be added (docs/api-contract.md#session-resources). */
export function parseAddResourceBody(body: unknown): FileResourceParams {
  const object = requireBodyObject(body);
  const type = requiredString(object, "type");
  if (CREATE_ONLY_RESOURCE_TYPES.includes(type)) {
    const what = type === "memory_store" ? "Memory stores" : "Repositories";
    throw invalidRequest(`${what} can only be attached when the session is created; only 'file' resources can be added.`, "type");
  }
  if (type !== "file") throw invalidRequest(`Unsupported resource type '${type}'; only 'file' resources can be added.`, "type");
  return parseFileEntry(object);
}

/**
 * Validates a `POST /sessions/{id}/resources/{rid}` body against the resource it targets and
 * returns the new credential. Only the credential of a repository can change.
 */
export function parseCredentialRotationBody(body: unknown, target: StoredResource<IdentifiedResource>): string {
  const resource = target.resource;
  if (resource.type === "file") {
    throw invalidRequest(`Session resource '${resource.id}' is not a repository; only repository credentials can be updated.`);
  }
  const object = requireBodyObject(body);
  for (const immutable of ["url", "mount_path", "checkout", "type"]) {
    if (object[immutable] !== undefined) {
      throw invalidRequest(`Field '${immutable}' cannot be changed; only the credential can be updated.`, immutable);
    }
  }
  rejectUnknownFields(object, ["authorization_token", "password"]);
  return parseRepositoryCredential(object, resource.type);
}
