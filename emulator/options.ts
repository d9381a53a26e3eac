import type { KnownAgent } from "./domain/known-agents";
import type { EmulatedSession } from "./domain/views";
import type { Checkout, MemoryStoreAccess, SessionBudget } from "./domain/wire-types";
import type { FaultRule } from "./faults/fault-rule";
import type { RecordedRequest } from "./http/request-log";
import type { ObjectControls } from "./object-controls";

/** How to start an emulator. Every member is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Accepted bearer tokens; default `["test-token"]`. */
  tokens?: string[];
  /** Delay added to every request before it is handled, in milliseconds; default 0. */
  latencyMs?: number;
  /** Fault rules, applied in order (see {@link FaultRule}). */
  faults?: FaultRule[];
  /** Seed of the PRNG behind probabilistic faults; default 1. */
  seed?: number;
  /** Clock for timestamps, session ids and idempotency expiry; default the system clock. */
  now?: () => Date;
  /**
   * Waits out the delay added to a request (latency plus `latency` faults); default a timer.
   * `closing` aborts when the emulator closes, which abandons the wait whether or not the returned
   * promise settles. Tests inject one to see each delay asked for and to decide when it ends.
   */
  sleep?: (ms: number, closing: AbortSignal) => Promise<void>;
  /**
   * Agents to create at start, each with `latestVersion` versions. They are served by `/agents` like
   * agents created over HTTP, and a session naming one binds to (and embeds) its latest version or
   * the one it pins. Agent ids the emulator does not have are still accepted by sessions, at the
   * version pinned or 1. Throws on an id without `agent_`, used twice, or a version below 1.
   */
  agents?: KnownAgent[];
}

/**
 * A repository, file or memory store to attach to a seeded session, as the API's create body spells
 * it. A resource that gets a `sesr_` id may be given its `id` (e.g. to rebuild a Session recorded
 * elsewhere); a memory store has none.
 */
export type SeedResourceInput =
  | { type?: "github_repository"; id?: string; url: string; mount_path?: string; authorization_token: string; checkout?: Checkout }
  | { type: "git_repository"; id?: string; url: string; mount_path?: string; password: string; checkout?: Checkout }
  | { type: "file"; id?: string; file_id: string; mount_path?: string }
  | { type: "memory_store"; memory_store_id: string; access?: MemoryStoreAccess; instructions?: string };

/**
 * A session to create directly in the emulator's state, bypassing HTTP. Same fields and rules as
 * a `POST /sessions` body, except that a resource's `type` defaults to `github_repository`, and
 * that the session's `id` and `created_at` and each resource's `id` may be given, so a Session
 * recorded elsewhere (by another emulator, or an older release's) can be rebuilt as it was.
 */
export interface SeedSessionInput {
  /** `sess_` + 32 hex digits, used by no other session; a new id when left out. */
  id?: string;
  /** RFC 3339 timestamp of the session and its resources (`updated_at` too); now when left out. */
  created_at?: string;
  agent: string | { type?: "agent"; id: string; version?: number };
  environment_id: string;
  title?: string | null;
  metadata?: Record<string, string>;
  resources?: SeedResourceInput[];
  vault_ids?: string[];
  /** Older form, turned into `memory_store` entries of `resources`. */
  memory_store_ids?: string[];
  environment_variables?: Record<string, string>;
  budget?: SessionBudget;
}

/** An out-of-band update, as the API's update body spells it. */
export interface SessionUpdateInput {
  title?: string | null;
  metadata?: Record<string, string | null>;
  /** `null` removes the budget. */
  budget?: SessionBudget | null;
}

/**
 * A started emulator and the controls tests use on it; those over agents, environments, memory
 * stores and vaults are described in {@link ObjectControls}.
 */
export interface RunningEmulator extends ObjectControls {
  /** Base URL including the API path, e.g. `http://127.0.0.1:43123/api/v1/cloud`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and destroys open connections; pending requests get no answer. */
  close(): Promise<void>;
  /** Every request received, in arrival order. The array is live; see {@link clearRequests}. */
  readonly requests: RecordedRequest[];
  /** Empties {@link requests} in place. */
  clearRequests(): void;
  /** Deep copies of all sessions (deleted ones are gone), with each resource's credential history. */
  sessions(): EmulatedSession[];
  /** A deep copy of one session, or `undefined` if it does not exist. */
  session(id: string): EmulatedSession | undefined;
  /**
   * Creates a session without HTTP (e.g. for adoption tests), with the given ids and creation time
   * if any. Throws on input the API would reject, and on an id already in use.
   */
  seedSession(input: SeedSessionInput): EmulatedSession;
  /** Archives a session out of band. Throws if the session does not exist. */
  archiveSession(id: string): EmulatedSession;
  /** Deletes a session out of band. Throws if the session does not exist. */
  deleteSession(id: string): void;
  /** Changes title or metadata out of band (e.g. to create drift). Throws on unknown id or bad input. */
  updateSession(id: string, update: SessionUpdateInput): EmulatedSession;
  /** Replaces the delay added to every request. */
  setLatency(ms: number): void;
  /** Replaces the fault rules, restarting their counters and the PRNG from the seed. */
  setFaults(rules: FaultRule[]): void;
}
