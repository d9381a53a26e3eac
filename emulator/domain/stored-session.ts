import type { IdentifiedResource, Session, SessionResource } from "./wire-types";

/** A resource as the store keeps it: the public object plus what the API never returns. */
export interface StoredResource<R extends SessionResource = SessionResource> {
  /** Store-wide creation order; pagination cursors point at it. */
  seq: number;
  resource: R;
  /** Every credential the resource received, oldest first (create, then each rotation). */
  credentialHistory: string[];
}

/** A session as the store keeps it. */
export interface StoredSession {
  /** Store-wide creation order; pagination cursors point at it. */
  seq: number;
  session: Omit<Session, "resources">;
  resources: StoredResource[];
  /** Accepted at create and update; never returned, since whether the API echoes them is unconfirmed. */
  environmentVariables: Record<string, string>;
}

/** True for a resource with a `sesr_` id, the only kind that can be got, rotated or deleted by id. */
export function isIdentified(stored: StoredResource): stored is StoredResource<IdentifiedResource> {
  return stored.resource.type !== "memory_store";
}
