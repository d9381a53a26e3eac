import type { Session, SessionResource } from "./wire-types";

/** A resource as the store keeps it: the public object plus what the API never returns. */
export interface StoredResource {
  /** Store-wide creation order; pagination cursors point at it. */
  seq: number;
  resource: SessionResource;
  /** Every credential the resource received, oldest first (create, then each rotation). */
  credentialHistory: string[];
}

/** A session as the store keeps it. */
export interface StoredSession {
  /** Store-wide creation order; pagination cursors point at it. */
  seq: number;
  session: Omit<Session, "resources">;
  resources: StoredResource[];
  /** Accepted at create; never returned, since whether the API echoes them is unconfirmed. */
  environmentVariables: Record<string, string>;
}
