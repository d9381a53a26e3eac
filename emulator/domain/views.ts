import type { StoredResource, StoredSession } from "./stored-session";
import type { IdentifiedResource, MemoryStoreResource, Session, SessionResource } from "./wire-types";

/** A session as a test sees it: the API's Session, with each resource's credential history. */
export interface EmulatedSession extends Omit<Session, "resources"> {
  resources: EmulatedResource[];
}

/**
 * A resource as a test sees it: the API's object plus the credentials it received, in order.
 * A memory store has no `id` (typed as absent, so `resource.id` reads on any resource).
 */
export type EmulatedResource = (IdentifiedResource | (MemoryStoreResource & { id?: undefined })) & { credentialHistory: string[] };

/** The Session the API returns: a deep copy without credentials. */
export function sessionView(stored: StoredSession): Session {
  return { ...structuredClone(stored.session), resources: stored.resources.map(resourceView) };
}

/** The resource the API returns: a deep copy without credentials. */
export function resourceView(stored: StoredResource): SessionResource {
  return structuredClone(stored.resource);
}

/** A deep copy of the session for tests, credentials included. */
export function emulatedSession(stored: StoredSession): EmulatedSession {
  return {
    ...structuredClone(stored.session),
    resources: stored.resources.map((r) => ({
      ...structuredClone(r.resource),
      credentialHistory: [...r.credentialHistory],
    })),
  };
}
