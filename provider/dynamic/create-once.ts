/**
 * A crash-safe create, shared by every resource: whatever point an earlier run was killed at, or
 * whichever answer it lost, a create ends with exactly one live object for the resource (README
 * "Faults, crashes and retries", docs/api-contract.md#idempotency).
 */
import { QoderApiError, QoderMismatchError } from "../errors";
import { createKey, isEarlierObject } from "./idempotency";

/** How many earlier objects of one create, each gone or changed since, a create steps past. */
const MAX_PASSED = 8;

/** What the key chain steps past after a refused repeat whose object is gone (see `findMarked`). */
const REFUSED_REPEAT = "refused-repeat";

/** What a create needs to know of one API object. */
interface CreatedObject {
  id: string;
  created_at?: string;
  archived_at?: string | null;
}

/** How one kind of object is created, looked up and told apart. */
export interface CreateSteps<T extends CreatedObject> {
  /** What messages call the object, e.g. "Session". */
  what: string;
  /** Sends the create, marked with the digest, under `idempotencyKey`. */
  create(idempotencyKey: string): Promise<T>;
  /** The object as the API holds it now; undefined when it no longer exists. */
  get(id: string): Promise<T | undefined>;
  /** How a live object differs from the inputs in what cannot change in place; empty when it is the one. */
  mismatches(object: T): string[];
  /**
   * Every live object carrying this create's marker, without fail (a plain list, or a search
   * checked against one: a search index may not show an object made moments ago). A refused
   * repeat with no live marked object then proves that the object it repeats was archived or
   * deleted (destroyed, say, then declared again with other in-place settings), and the create
   * goes on under the next key of the chain.
   */
  findMarked(): Promise<T[]>;
  /** Archives an extra object this create provably made. */
  retire(id: string): Promise<unknown>;
}

/** The object a create ends with; `found` when an interrupted run made it, with the in-place settings still to apply. */
export interface CreateOutcome<T> {
  object: T;
  found: boolean;
}

/**
 * Creates the object keyed by `digest` (the resource and what cannot change on the object).
 * - The API replays an earlier create with the same key and body: that object is the answer, as
 *   long as it is live and still what the inputs ask for; if not, the next create uses a key
 *   derived from it, so a repeated run walks the same chain of keys.
 * - The API refuses a key reused with another body (409): an earlier run made the object with
 *   other in-place settings (tokens, title, metadata…). It is found by its marker and taken over;
 *   if none is live, the next key of the chain is tried.
 */
export async function createOnce<T extends CreatedObject>(digest: string, steps: CreateSteps<T>): Promise<CreateOutcome<T>> {
  const passed: string[] = [];
  while (passed.length <= MAX_PASSED) {
    const startedAt = Date.now();
    let object: T;
    try {
      object = await steps.create(createKey(digest, passed));
    } catch (error) {
      if (!(error instanceof QoderApiError && error.status === 409)) throw error;
      const marked = await findMarked(steps);
      if (marked) return { object: marked, found: true };
      passed.push(REFUSED_REPEAT);
      continue;
    }
    if (!isEarlierObject(object.created_at, startedAt)) return { object, found: false };
    const live = await steps.get(object.id);
    if (live && !live.archived_at && steps.mismatches(live).length === 0) {
      console.log(`${steps.what} ${object.id} was created by an earlier, interrupted run; taking it over.`);
      return { object: live, found: false };
    }
    // Gone since, or no longer what the inputs ask for (changed behind Pulumi's back).
    passed.push(object.id);
  }
  throw new QoderMismatchError(
    `The API answered ${MAX_PASSED + 1} creates of this ${steps.what} with earlier ones archived, deleted or changed since; not creating another`,
  );
}

/**
 * The live object an interrupted run made, if any. Should there be more than one, the newest is
 * kept and the others, provably made by this resource for the same inputs, are archived.
 */
async function findMarked<T extends CreatedObject>(steps: CreateSteps<T>): Promise<T | undefined> {
  const matching = (await steps.findMarked())
    .filter((object) => !object.archived_at && steps.mismatches(object).length === 0)
    .sort((a, b) => Date.parse(b.created_at ?? "") - Date.parse(a.created_at ?? ""));
  const [newest, ...extra] = matching;
  if (!newest) return undefined;
  for (const object of extra) await steps.retire(object.id);
  console.log(`${steps.what} ${newest.id} was created by an earlier, interrupted run; taking it over.`);
  return newest;
}
