import { createHash } from "node:crypto";
import type { CreateSessionWire } from "../api/wire";
import { canonicalJson } from "../dynamic/properties";

/** The input key under which the `Session` class passes the resource's stable identity. */
export const OWNER_KEY = "__owner";

/**
 * The `Idempotency-Key` of a create: the same resource (project, stack, name) asking for the same
 * Session gets the same key, so a create repeated after the first run was killed mid-request is
 * answered with the Session the first run made, not a second one. The key is a one-way digest.
 */
export function createIdempotencyKey(owner: string, body: CreateSessionWire): string {
  return createHash("sha256").update(owner).update("\u0000").update(canonicalJson(body)).digest("hex");
}

/**
 * How much earlier than our request a Session may have been created and still be the answer to
 * this very create (server clock skew and our own retries). Anything older is a replay of an
 * earlier run's create and must be checked before use: it may have been archived since.
 */
const REPLAY_TOLERANCE_MS = 2_000;

/** True when the API answered a create with a Session made before this create began. */
export function isEarlierSession(createdAt: string, requestStartedAt: number): boolean {
  const created = Date.parse(createdAt);
  return Number.isFinite(created) && created < requestStartedAt - REPLAY_TOLERANCE_MS;
}
