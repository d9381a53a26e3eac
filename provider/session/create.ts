/**
 * A crash-safe Session create (see dynamic/create-once.ts): whatever point an earlier run was
 * killed at, this create ends with exactly one live Session for the resource.
 */
import type { QoderClient } from "../api/client";
import type { SessionWire } from "../api/wire";
import { type CreateOutcome, createOnce } from "../dynamic/create-once";
import { CREATE_MARKER, createDigest, OWNER_KEY } from "../dynamic/idempotency";
import { findMarkedSessions } from "./find-marked";
import type { SessionInputs } from "./model";
import { adoptionMismatches, createIdentity, createSessionRequest } from "./planner";

/**
 * Creates the Session, keyed and marked by the digest of the resource and of the Session it asks
 * for (no token, title or metadata); `found` when an interrupted run made it with other tokens,
 * title or metadata, which the caller then sets. The marked Sessions are found by search, and,
 * when it shows none live or the API offers no search, by the full list (find-marked.ts), so a
 * refused repeat whose Session was archived or deleted since (destroyed, then created again with
 * a new token) goes on to the next key.
 */
export async function createOrFind(client: QoderClient, inputs: SessionInputs): Promise<CreateOutcome<SessionWire>> {
  const body = createSessionRequest(inputs);
  const owner = (inputs as Record<string, unknown>)[OWNER_KEY];
  if (typeof owner !== "string" || owner === "") return { object: await client.createSession(body), found: false };
  const digest = createDigest(owner, createIdentity(inputs));
  const marked = { ...body, metadata: { ...body.metadata, [CREATE_MARKER]: digest } };
  return createOnce(digest, {
    what: "Session",
    create: (key) => client.createSession(marked, key),
    get: (id) => client.getSession(id),
    mismatches: (session) => adoptionMismatches(inputs, session, session.resources),
    findMarked: () => findMarkedSessions(client, digest),
    retire: (id) => client.archiveSession(id),
  });
}
