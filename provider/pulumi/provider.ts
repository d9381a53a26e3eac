import type * as pulumi from "@pulumi/pulumi";
import type { QoderClient } from "../api/client";
import type { SessionWire } from "../api/wire";
import { diffSession, type Rotation, sessionPatch } from "../session/diff";
import { createIdempotencyKey, isEarlierSession, OWNER_KEY } from "../session/idempotency";
import type { SessionInputs, SessionOutputs } from "../session/inputs";
import { adoptionMismatches, createSessionRequest, sessionOutputs } from "../session/plan";
import { repositoryKey } from "../session/repository-key";
import { validateInputs } from "../session/validate";
import { SessionIncompleteError } from "./partial-failure";
import { type ConfigSource, resolveClientOptions, type SessionProviderOptions } from "./settings";

type CheckResult = Awaited<ReturnType<NonNullable<pulumi.dynamic.ResourceProvider["check"]>>>;
type DiffResult = pulumi.dynamic.DiffResult;
type CreateResult = pulumi.dynamic.CreateResult;
type ReadResult = pulumi.dynamic.ReadResult;
type UpdateResult = pulumi.dynamic.UpdateResult;

/** Inputs as stored in state, without the outputs the provider adds. */
function inputsOf(outputs: SessionOutputs): SessionInputs {
  const { sessionId: _s, status: _st, createdAt: _c, archivedAt: _a, mounts: _m, ...inputs } = outputs;
  return { ...inputs, repositories: inputs.repositories.map(({ resourceId: _r, ...repo }) => repo) };
}

/**
 * The dynamic provider of `Session`. It validates in `check`, decides in `diff` (pure, no API
 * call), and acts through {@link QoderClient}. One instance keeps one client and connection pool
 * for every resource it serves.
 */
export class SessionProvider implements pulumi.dynamic.ResourceProvider<SessionInputs, SessionOutputs> {
  private config?: ConfigSource;
  private client?: QoderClient;

  constructor(private readonly options: SessionProviderOptions = {}) {}

  /** Receives the stack config (`qoder:*` keys); the client is built on first use. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
    const previous = this.client;
    this.client = undefined;
    await previous?.close();
  }

  /** Validates inputs; makes no API call. Failures name the property and what is expected. */
  async check(_olds: SessionInputs, news: SessionInputs): Promise<CheckResult> {
    const { failures } = validateInputs(news as unknown as Record<string, unknown>);
    return { inputs: news, failures };
  }

  /** Compares stored outputs with new inputs; makes no API call. */
  async diff(_id: string, olds: SessionOutputs, news: SessionInputs): Promise<DiffResult> {
    const { changes, replaces } = diffSession(olds, news);
    return { changes, replaces, deleteBeforeReplace: false };
  }

  /** Creates the Session (or adopts `adoptSessionId`) with one `POST /sessions`. */
  async create(inputs: SessionInputs): Promise<CreateResult> {
    if (inputs.adoptSessionId) return this.adopt(inputs, inputs.adoptSessionId);
    const session = await this.createOnce(inputs);
    const client = this.api();
    try {
      const resources = session.resources.length > 0 ? session.resources : ((await client.listResources(session.id)) ?? []);
      return { id: session.id, outs: plain(sessionOutputs(inputs, session, resources)) };
    } catch (error) {
      throw new SessionIncompleteError(session.id, this.partialOutputs(inputs, session), error as Error);
    }
  }

  /**
   * Sends the create with a key derived from the resource's identity and the request, so a create
   * repeated after an interrupted run gets that run's Session back. A Session made before this
   * create began is such a replay: it is used only if it is still live.
   */
  private async createOnce(inputs: SessionInputs): Promise<SessionWire> {
    const client = this.api();
    const body = createSessionRequest(inputs);
    const owner = (inputs as unknown as Record<string, unknown>)[OWNER_KEY];
    if (typeof owner !== "string" || owner === "") return client.createSession(body);
    const startedAt = Date.now();
    const session = await client.createSession(body, createIdempotencyKey(owner, body));
    if (!isEarlierSession(session.created_at, startedAt)) return session;
    const live = await client.getSession(session.id);
    if (live && !live.archived_at) {
      console.log(`Session ${session.id} was created by an earlier, interrupted run; taking it over.`);
      return live;
    }
    return client.createSession(body);
  }

  /** Refreshes from the API; a deleted or archived Session reads as gone so the next `up` recreates it. */
  async read(id: string, props?: SessionOutputs): Promise<ReadResult> {
    const client = this.api();
    const [session, resources] = await Promise.all([client.getSession(id), client.listResources(id)]);
    if (!session || session.archived_at || !resources) return { id: "", props: {} };
    if (!props)
      throw new Error(
        `Session ${id}: reading without stored properties is not supported (pulumi import does not work for dynamic providers; use adoptSessionId)`,
      );
    const stored = inputsOf(props);
    const inputs: SessionInputs = {
      ...stored,
      ...remoteSettings(stored, session),
    };
    const outs = sessionOutputs(inputs, session, resources);
    return { id, props: plain(outs), inputs: plain(inputs) };
  }

  /** Rotates changed tokens and patches title and metadata, in place. */
  async update(id: string, olds: SessionOutputs, news: SessionInputs): Promise<UpdateResult> {
    const client = this.api();
    let current = olds;
    if (olds.repositories.some((repo) => !repo.resourceId)) {
      // A create or adoption that failed half-way stored no resource ids: look them up now, and
      // rotate every token below, since which ones the API holds is not known.
      const [session, resources] = await Promise.all([client.getSession(id), client.listResources(id)]);
      if (!session || !resources) throw new Error(`Session ${id} no longer exists; run \`pulumi refresh\` and \`pulumi up\``);
      const found = sessionOutputs(news, session, resources);
      current = {
        ...found,
        title: olds.title,
        metadata: olds.metadata,
        repositories: found.repositories.map((repo) => ({ ...repo, authorizationToken: "" })),
      };
      // With every stored token blanked, the diff below rotates them all.
    }
    const { rotations, patch } = diffSession(current, news);
    const rotated = await this.rotate(id, rotations, current, news);
    const session = patch ? await client.updateSession(id, patch) : undefined;
    return { outs: plain(mergeOutputs(current, news, rotated, session)) };
  }

  /** Archives the Session (default) or deletes it (`deletionMode: "delete"`); a missing one is fine. */
  async delete(id: string, props: SessionOutputs): Promise<void> {
    const client = this.api();
    if (props.deletionMode === "delete") await client.deleteSession(id);
    else await client.archiveSession(id);
  }

  /** Releases the connection pool. */
  async close(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
  }

  private api(): QoderClient {
    if (!this.client) {
      // Loaded on first use: a preview only checks and diffs, so it never loads the client, its
      // response schemas or undici.
      const { QoderClient } = require("../api/client") as typeof import("../api/client");
      this.client = new QoderClient(resolveClientOptions(this.options, this.config));
    }
    return this.client;
  }

  private async adopt(inputs: SessionInputs, sessionId: string): Promise<CreateResult> {
    const client = this.api();
    const session = await client.getSession(sessionId);
    const resources = session ? await client.listResources(sessionId) : undefined;
    if (!session || !resources) throw new Error(`adoptSessionId: Session ${sessionId} was not found`);
    const problems = adoptionMismatches(inputs, session, resources);
    if (problems.length > 0) {
      throw new Error(`adoptSessionId: Session ${sessionId} cannot be adopted because ${problems.join("; ")}`);
    }
    const outs = sessionOutputs(inputs, session, resources);
    try {
      // The API never returns tokens, so rotating them is the only way to know they match the inputs.
      await Promise.all(outs.repositories.map((repo) => client.rotateRepositoryToken(sessionId, repo.resourceId, repo.authorizationToken)));
      const patch = sessionPatch({ title: session.title ?? undefined, metadata: session.metadata ?? undefined }, inputs);
      const updated = patch ? await client.updateSession(sessionId, patch) : session;
      return { id: sessionId, outs: plain({ ...outs, status: updated.status }) };
    } catch (error) {
      // Record what is known to hold: no token confirmed, and the title and metadata as found.
      const found = {
        ...outs,
        ...remoteSettings(inputs, session),
        repositories: outs.repositories.map((repo) => ({ ...repo, resourceId: "" })),
      };
      throw new SessionIncompleteError(sessionId, found, error as Error);
    }
  }

  /**
   * Sends the rotations concurrently. If some fail, state must record exactly which tokens the
   * API now holds, so the error carries outputs with the rotated tokens and the old ones elsewhere.
   */
  private async rotate(id: string, rotations: Rotation[], olds: SessionOutputs, news: SessionInputs): Promise<Set<string>> {
    const client = this.api();
    const results = await Promise.allSettled(
      rotations.map((rotation) => client.rotateRepositoryToken(id, rotation.resourceId, rotation.authorizationToken)),
    );
    const rotated = new Set(
      rotations.filter((_, index) => results[index].status === "fulfilled").map((rotation) => rotation.repositoryKey),
    );
    const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failed) {
      const unchanged = { ...news, title: olds.title, metadata: olds.metadata };
      throw new SessionIncompleteError(
        id,
        mergeOutputs(olds, unchanged, rotated, undefined) as unknown as Record<string, unknown>,
        failed.reason as Error,
      );
    }
    return rotated;
  }

  private partialOutputs(inputs: SessionInputs, session: SessionWire): Record<string, unknown> {
    return {
      ...inputs,
      repositories: inputs.repositories.map((repo) => ({ ...repo, resourceId: "" })),
      mounts: [],
      sessionId: session.id,
      status: session.status,
      createdAt: session.created_at,
      archivedAt: session.archived_at ?? null,
    };
  }
}

/** The value as the engine can take it: protobuf structs refuse `undefined` members. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Title and metadata as the API holds them, in the inputs' terms (absent stays absent). */
function remoteSettings(stored: SessionInputs, session: SessionWire): Pick<SessionInputs, "title" | "metadata"> {
  const title = session.title ?? "";
  const metadata = session.metadata ?? {};
  return {
    title: stored.title === undefined && title === "" ? undefined : title,
    metadata: stored.metadata === undefined && Object.keys(metadata).length === 0 ? undefined : metadata,
  };
}

/**
 * Outputs after an in-place update: the new inputs, each kept repository with its resource id and
 * mount, and the old token wherever the rotation has not happened.
 */
function mergeOutputs(olds: SessionOutputs, news: SessionInputs, rotated: Set<string>, session: SessionWire | undefined): SessionOutputs {
  const oldIndex = new Map(olds.repositories.map((repo, index) => [repositoryKey(repo), index]));
  const repositories = news.repositories.map((repo) => {
    const key = repositoryKey(repo);
    const old = olds.repositories[oldIndex.get(key) ?? -1];
    const authorizationToken = rotated.has(key) || !old ? repo.authorizationToken : old.authorizationToken;
    return { ...repo, authorizationToken, resourceId: old?.resourceId ?? "" };
  });
  const mounts = news.repositories
    .map((repo) => olds.mounts[oldIndex.get(repositoryKey(repo)) ?? -1])
    .filter((mount) => mount !== undefined);
  return {
    ...news,
    repositories,
    mounts,
    sessionId: olds.sessionId,
    status: session?.status ?? olds.status,
    createdAt: olds.createdAt,
    archivedAt: session?.archived_at ?? olds.archivedAt,
  };
}
