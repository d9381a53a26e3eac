import { ApiError, invalidRequest } from "../api-error";
import type { TimestampClock } from "../clock";
import { newObjectId } from "./ids";

/** Members every agent, environment, memory store, vault and vault credential has. */
export interface ObjectBase {
  id: string;
  metadata: Record<string, string>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An object as a store keeps it: the public object, and whatever a store adds that the API never returns. */
export interface StoredObject<T extends ObjectBase> {
  /** Creation order within the store; pagination cursors point at it. */
  seq: number;
  object: T;
}

/** What a store holds, as its messages and ids spell it. */
export interface ObjectKind {
  /** Start of a sentence: `Agent`, `Memory store`, `Vault credential`. */
  label: string;
  /** Id prefix: `agent_`, `memstore_`, `vcred_`. */
  prefix: string;
}

/**
 * 404 `not_found_error` naming the id in single quotes, the wording the client reads as absence
 * (docs/api-contract.md#errors): `Agent 'agent_…' was not found.`
 */
function objectNotFound(kind: ObjectKind, id: string): ApiError {
  return new ApiError(404, "not_found_error", `${kind.label} '${id}' was not found.`);
}

/**
 * The part every object store shares: ids, creation order, lookup with the API's 404, listing
 * with or without archived objects, archive (a repeat leaves the object unchanged) and delete.
 * Subclasses add create and update. Every method is synchronous, like the session store's.
 */
export class ObjectStore<T extends ObjectBase, S extends StoredObject<T> = StoredObject<T>> {
  /** Insertion order is creation order. */
  private readonly records = new Map<string, S>();
  /** Ids of deleted objects, so a later reference can be told apart from one never seen. */
  private readonly deletedIds = new Set<string>();
  private nextSeq = 1;

  constructor(
    protected readonly clock: TimestampClock,
    readonly kind: ObjectKind,
  ) {}

  /** All objects in creation order; archived ones only when asked for. */
  list(includeArchived: boolean): S[] {
    const all = [...this.records.values()];
    return includeArchived ? all : all.filter((s) => s.object.archived_at === null);
  }

  /** The object, archived or not, if it exists. */
  find(id: string): S | undefined {
    return this.records.get(id);
  }

  /** True for an id this store created and then deleted. */
  wasDeleted(id: string): boolean {
    return this.deletedIds.has(id);
  }

  /** The object, or 404. Archived objects are still readable by id. */
  require(id: string): S {
    const stored = this.find(id);
    if (!stored) throw objectNotFound(this.kind, id);
    return stored;
  }

  /** The object, or 404; 400 when it is archived, with `what` saying what cannot happen to it. */
  requireLive(id: string, what: string): S {
    const stored = this.require(id);
    if (stored.object.archived_at !== null) throw invalidRequest(`${this.kind.label} '${id}' is archived; ${what}.`);
    return stored;
  }

  /** Sets `archived_at` (and `updated_at`); archiving an archived object leaves it unchanged. */
  archive(id: string): S {
    const stored = this.require(id);
    if (stored.object.archived_at === null) stored.object.archived_at = this.touch(stored);
    return stored;
  }

  /** Removes the object for good, after {@link checkDeletable} agrees. */
  delete(id: string): void {
    this.checkDeletable(this.require(id));
    this.records.delete(id);
    this.deletedIds.add(id);
  }

  /** Throws the API's refusal when the object may not be deleted; by default every object may. */
  protected checkDeletable(_stored: S): void {}

  /**
   * Stores a new object built from its id and creation time. `givenId` (emulator options only)
   * replaces the generated id; it must have the store's prefix and be unused.
   */
  protected insert(build: (id: string, now: string) => Omit<S, "seq">, givenId?: string): S {
    if (givenId !== undefined && (!givenId.startsWith(this.kind.prefix) || this.records.has(givenId))) {
      throw invalidRequest(`${this.kind.label} id '${givenId}' does not start with '${this.kind.prefix}' or is already in use.`, "id");
    }
    const id = givenId ?? newObjectId(this.kind.prefix, this.clock.current().getTime());
    const stored = { ...build(id, this.clock.next()), seq: this.nextSeq++ } as S;
    this.records.set(id, stored);
    return stored;
  }

  /** Moves `updated_at` to a new timestamp and returns it. */
  protected touch(stored: S): string {
    const now = this.clock.next();
    stored.object.updated_at = now;
    return now;
  }
}
