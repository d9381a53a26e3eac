import { ApiError, invalidRequest, resourceNotFound, sessionNotFound } from "../api-error";
import type { TimestampClock } from "../clock";
import { newResourceId, newSessionId, RESOURCE_ID_FORM, SESSION_ID_FORM } from "./ids";
import { applyMetadataPatch } from "./metadata-patch";
import type {
  CreateSessionParams,
  FileResourceParams,
  GivenIdentity,
  IdentifiedResourceParams,
  MemoryStoreResourceParams,
  SessionPatch,
} from "./session-params";
import { isIdentified, type StoredResource, type StoredSession } from "./stored-session";
import type { AgentSnapshot, IdentifiedResource } from "./wire-types";

/** How the API prints timestamps (`2026-06-23T05:53:19.774840Z`). */
const TIMESTAMP_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The emulator's state: sessions and their resources, and the rules that depend on that state
 * (archived sessions, duplicate mounts). Every method is synchronous, so a request's lookup and
 * change can never interleave with another request's.
 */
export class SessionStore {
  /** Insertion order is creation order. */
  private readonly sessions = new Map<string, StoredSession>();
  private nextSeq = 1;

  constructor(
    private readonly clock: TimestampClock,
    /** Checks what a new session names and returns the agent snapshot it embeds (see `resolveSessionReferences`). */
    private readonly resolveReferences: (params: CreateSessionParams) => AgentSnapshot,
  ) {}

  /**
   * Creates a session in status `idle` with the given resources. `given` (test seeding only) fixes
   * its id, creation time or resource ids; each is refused if malformed or already in use.
   */
  create(params: CreateSessionParams, given: GivenIdentity = {}): StoredSession {
    this.checkGiven(params, given);
    const agent = this.resolveReferences(params);
    const now = given.created_at ?? this.clock.next();
    const stored: StoredSession = {
      seq: this.nextSeq++,
      session: {
        id: given.id ?? newSessionId(this.clock.current().getTime()),
        type: "session",
        agent,
        agent_id: agent.id,
        environment_id: params.environment_id,
        status: "idle",
        turn_status: "idle",
        title: params.title,
        metadata: { ...params.metadata },
        vault_ids: [...params.vault_ids],
        ...(params.budget ? { budget: structuredClone(params.budget) } : {}),
        archived_at: null,
        created_at: now,
        updated_at: now,
      },
      resources: params.resources.map((r, index) =>
        r.type === "memory_store" ? this.newMemoryStore(r) : this.newResource(r, now, given.resource_ids?.[index]),
      ),
      environmentVariables: { ...params.environment_variables },
    };
    this.sessions.set(stored.session.id, stored);
    return stored;
  }

  /** All live sessions in creation order; archived ones only when asked for. */
  list(includeArchived: boolean): StoredSession[] {
    const all = [...this.sessions.values()];
    return includeArchived ? all : all.filter((s) => s.session.archived_at === null);
  }

  /** The session, archived or not, if it exists. */
  find(sessionId: string): StoredSession | undefined {
    return this.sessions.get(sessionId);
  }

  /** The session, or 404. Archived sessions are still readable by id. */
  require(sessionId: string): StoredSession {
    const stored = this.find(sessionId);
    if (!stored) throw sessionNotFound(sessionId);
    return stored;
  }

  /** Applies a patch: title, metadata merge (null deletes), agent tools / MCP servers, budget, environment variables. */
  update(sessionId: string, patch: SessionPatch): StoredSession {
    const stored = this.require(sessionId);
    const session = stored.session;
    if (patch.title !== undefined) session.title = patch.title;
    if (patch.metadata) applyMetadataPatch(session.metadata, patch.metadata);
    if (patch.agent?.tools) session.agent.tools = structuredClone(patch.agent.tools);
    if (patch.agent?.mcp_servers) session.agent.mcp_servers = structuredClone(patch.agent.mcp_servers);
    if (patch.budget === null) delete session.budget;
    else if (patch.budget) session.budget = structuredClone(patch.budget);
    if (patch.environment_variables) stored.environmentVariables = { ...patch.environment_variables };
    session.updated_at = this.clock.next();
    return stored;
  }

  /** Sets `archived_at`; `status` is left alone (docs/api-contract.md#sessions). */
  archive(sessionId: string): StoredSession {
    const stored = this.require(sessionId);
    // Archiving an archived session is unconfirmed (docs/api-contract.md#choices-where-the-api-is-unconfirmed):
    // the emulator answers with the session unchanged rather than a 409, so retried archives stay harmless.
    if (stored.session.archived_at === null) {
      const now = this.clock.next();
      stored.session.archived_at = now;
      stored.session.updated_at = now;
    }
    return stored;
  }

  /** Removes the session and its resources for good. */
  delete(sessionId: string): void {
    this.require(sessionId);
    this.sessions.delete(sessionId);
  }

  /**
   * The resource, or 404 naming the session or the resource. Memory stores have no id, so they
   * are never found here.
   */
  requireResource(sessionId: string, resourceId: string): StoredResource<IdentifiedResource> {
    const resource = this.require(sessionId)
      .resources.filter(isIdentified)
      .find((r) => r.resource.id === resourceId);
    if (!resource) throw resourceNotFound(resourceId);
    return resource;
  }

  /** Mounts a file on a live session. */
  addFile(sessionId: string, params: FileResourceParams): StoredResource<IdentifiedResource> {
    const stored = this.require(sessionId);
    if (stored.session.archived_at !== null) {
      // The API types this 409 as invalid_request_error, not conflict_error
      // (docs/api-contract.md#session-resources, docs/api-contract.md#errors).
      throw new ApiError(409, "invalid_request_error", `Session '${sessionId}' is archived; resources cannot be added.`);
    }
    if (stored.resources.some((r) => r.resource.type === "file" && r.resource.file_id === params.file_id)) {
      throw new ApiError(409, "invalid_request_error", `File '${params.file_id}' is already mounted in this session.`);
    }
    if (stored.resources.some((r) => "mount_path" in r.resource && r.resource.mount_path === params.mount_path)) {
      throw invalidRequest(`Mount path '${params.mount_path}' is already in use in this session.`, "mount_path");
    }
    const now = this.clock.next();
    const resource = this.newResource(params, now);
    stored.resources.push(resource);
    stored.session.updated_at = now;
    return resource;
  }

  /** Records a new credential for a repository resource and bumps its `updated_at`. */
  rotateCredential(sessionId: string, resourceId: string, credential: string): StoredResource<IdentifiedResource> {
    const stored = this.require(sessionId);
    const resource = this.requireResource(sessionId, resourceId);
    if (stored.session.archived_at !== null) {
      // Unconfirmed (docs/api-contract.md#choices-where-the-api-is-unconfirmed): the emulator answers
      // 400 to a token rotation on an archived session.
      throw invalidRequest(`Session '${sessionId}' is archived; its credentials cannot be updated.`);
    }
    resource.credentialHistory.push(credential);
    resource.resource.updated_at = this.clock.next();
    return resource;
  }

  /** Unmounts a resource. */
  deleteResource(sessionId: string, resourceId: string): void {
    const stored = this.require(sessionId);
    const resource = this.requireResource(sessionId, resourceId);
    stored.resources.splice(stored.resources.indexOf(resource), 1);
    stored.session.updated_at = this.clock.next();
  }

  /** A memory store entry: no id and no timestamps; access and instructions only when given. */
  private newMemoryStore(params: MemoryStoreResourceParams): StoredResource {
    const { type, memory_store_id, access, instructions } = params;
    return {
      seq: this.nextSeq++,
      resource: {
        type,
        memory_store_id,
        ...(access === undefined ? {} : { access }),
        ...(instructions === undefined ? {} : { instructions }),
      },
      credentialHistory: [],
    };
  }

  /** Refuses a given id or timestamp that is malformed, or an id some session or resource already has. */
  private checkGiven(params: CreateSessionParams, given: GivenIdentity): void {
    if (given.id !== undefined) {
      if (!SESSION_ID_FORM.test(given.id)) throw invalidRequest(`Session id '${given.id}' is not 'sess_' and 32 hex digits.`, "id");
      if (this.sessions.has(given.id)) throw invalidRequest(`Session id '${given.id}' is already in use.`, "id");
    }
    if (given.created_at !== undefined && !TIMESTAMP_FORM.test(given.created_at)) {
      throw invalidRequest(`'${given.created_at}' is not an RFC 3339 UTC timestamp with microseconds.`, "created_at");
    }
    const taken = new Set(this.list(true).flatMap((s) => s.resources.filter(isIdentified).map((r) => r.resource.id)));
    (given.resource_ids ?? []).forEach((id, index) => {
      if (id === undefined) return;
      const param = `resources[${index}].id`;
      if (params.resources[index]?.type === "memory_store") throw invalidRequest("A memory store has no id.", param);
      if (!RESOURCE_ID_FORM.test(id)) throw invalidRequest(`Resource id '${id}' is not 'sesr_' and 24 hex digits.`, param);
      if (taken.has(id)) throw invalidRequest(`Resource id '${id}' is already in use.`, param);
      taken.add(id);
    });
  }

  private newResource(params: IdentifiedResourceParams, now: string, givenId?: string): StoredResource<IdentifiedResource> {
    const seq = this.nextSeq++;
    const id = givenId ?? newResourceId();
    if (params.type === "file") {
      return {
        seq,
        resource: { id, type: "file", file_id: params.file_id, mount_path: params.mount_path, created_at: now, updated_at: now },
        credentialHistory: [],
      };
    }
    return {
      seq,
      resource: {
        id,
        type: params.type,
        url: params.url,
        mount_path: params.mount_path,
        checkout: { ...params.checkout },
        created_at: now,
        updated_at: now,
      },
      credentialHistory: [params.credential],
    };
  }
}
