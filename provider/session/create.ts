/**
 * A crash-safe create: whatever point an earlier run was killed at, or whichever answer it lost,
 * this create ends with exactly one live Session for the resource (README "Faults, crashes and
 * retries", docs/api-contract.md#idempotency).
 */
import type { QoderClient } from "../api/client";
import type { SessionWire } from "../api/wire";
import { QoderApiError, QoderMismatchError } from "../errors";
import { CREATE_MARKER, createDigest, createKey, isEarlierSession, OWNER_KEY } from "./idempotency";
import type { SessionInputs } from "./model";
import { adoptionMismatches, createIdentity, createSessionRequest } from "./planner";

/** How many earlier Sessions of one create, each gone or changed since, a create steps past. */
const MAX_PASSED = 8;

/** The Session a create ends with; `found` when an interrupted run made it, with tokens, title and metadata still to set. */
export interface CreateOutcome {
  session: SessionWire;
  found: boolean;
}

/**
 * Creates the Session, keyed and marked by the digest of the resource and the Session it asks for.
 * - The API replays an earlier create with the same key and body: that Session is the answer, as
 *   long as it is live and still what the inputs ask for; if not, the next create uses a key
 *   derived from it, so a repeated run walks the same chain of keys.
 * - The API refuses a key reused with another body (409): an interrupted run made the Session
 *   with other tokens, title or metadata. It is found by its marker and taken over.
 */
export async function createOrFind(client: QoderClient, inputs: SessionInputs): Promise<CreateOutcome> {
  const body = createSessionRequest(inputs);
  const owner = (inputs as Record<string, unknown>)[OWNER_KEY];
  if (typeof owner !== "string" || owner === "") return { session: await client.createSession(body), found: false };
  const digest = createDigest(owner, createIdentity(inputs));
  const marked = { ...body, metadata: { ...body.metadata, [CREATE_MARKER]: digest } };
  const passed: string[] = [];
  while (passed.length <= MAX_PASSED) {
    const startedAt = Date.now();
    let session: SessionWire;
    try {
      session = await client.createSession(marked, createKey(digest, passed));
    } catch (error) {
      if (error instanceof QoderApiError && error.status === 409) return { session: await findMarked(client, inputs, digest), found: true };
      throw error;
    }
    if (!isEarlierSession(session.created_at, startedAt)) return { session, found: false };
    const live = await client.getSession(session.id);
    if (live && !live.archived_at && adoptionMismatches(inputs, live, live.resources).length === 0) {
      console.log(`Session ${session.id} was created by an earlier, interrupted run; taking it over.`);
      return { session: live, found: false };
    }
    // Gone since, or no longer what the inputs ask for (a mount removed behind Pulumi's back).
    passed.push(session.id);
  }
  throw new QoderMismatchError(
    `The API answered ${MAX_PASSED + 1} creates of this Session with earlier Sessions archived, deleted or changed since; not creating another`,
  );
}

/**
 * The live Session an interrupted run made for `digest`. Should there be more than one, the
 * newest is kept and the others, provably made by this resource for the same inputs, are archived.
 */
async function findMarked(client: QoderClient, inputs: SessionInputs, digest: string): Promise<SessionWire> {
  const found = await client.searchSessions({ [CREATE_MARKER]: digest });
  const matching = found
    .filter((session) => !session.archived_at && adoptionMismatches(inputs, session, session.resources).length === 0)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const [newest, ...extra] = matching;
  if (!newest) {
    throw new QoderMismatchError(
      "The API refused this create as a repeat of an earlier, interrupted one, but no live Session made by it was found; " +
        "if that Session was archived or deleted meanwhile, run `pulumi up` again",
    );
  }
  for (const session of extra) await client.archiveSession(session.id);
  console.log(`Session ${newest.id} was created by an earlier, interrupted run; taking it over.`);
  return newest;
}
