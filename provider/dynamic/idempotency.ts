/**
 * The identity of a create, which makes creates of every resource crash-safe (README "Faults,
 * crashes and retries"). Neither the key nor the marker depends on a secret: a pipeline that mints
 * a new token for every run still asks for the same object.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./properties";

/** The input key under which every resource class passes the resource's stable identity. */
export const OWNER_KEY = "__owner";

/**
 * The metadata key of the marker every object this provider creates carries: the digest of its
 * create (see {@link createDigest}). The provider finds its own objects by it; it never shows in
 * a diff, in state or in outputs.
 */
export const CREATE_MARKER = "pulumi-qoder-create";

/**
 * The digest of a create: the resource (project, stack, name) and the identity of the object it
 * asks for (`createIdentity`: no token, title or metadata). Two resources, or two stacks, never
 * share it; a change that needs a new object changes it.
 */
export function createDigest(owner: string, identity: unknown): string {
  return createHash("sha256").update(owner).update("\u0000").update(canonicalJson(identity)).digest("hex");
}

/**
 * The `Idempotency-Key` of a create that has passed over earlier objects of the same digest
 * (archived, deleted or changed since): the digest itself at first, then a key derived from each
 * passed object's id (or from a refused repeat whose object is gone, see create-once.ts). A
 * repeated run walks the same chain, so it is answered with the object the interrupted run made
 * instead of making another (docs/api-contract.md#idempotency).
 */
export function createKey(digest: string, passedIds: readonly string[]): string {
  return passedIds.reduce((key, id) => createHash("sha256").update(key).update("\u0000").update(id).digest("hex"), digest);
}

/**
 * How much earlier than our request an object may have been created and still be the answer to
 * this very create (server clock skew and our own retries). Anything older is a replay of an
 * earlier run's create and must be checked before use: it may have been archived since.
 */
const REPLAY_TOLERANCE_MS = 2_000;

/** True when the API answered a create with an object made before this create began. */
export function isEarlierObject(createdAt: string | undefined, requestStartedAt: number): boolean {
  const created = Date.parse(createdAt ?? "");
  return Number.isFinite(created) && created < requestStartedAt - REPLAY_TOLERANCE_MS;
}
