/**
 * Decides what to send: the create request, and how new inputs differ from the stored state. Every
 * decision follows the rules declared in model.ts; nothing here names a property's rule again.
 */
import type { CheckoutWire, CreateSessionWire, RepositoryCredentialWire, ResourceWire, SessionWire, UpdateSessionWire } from "../api/wire";
import { mergePatch } from "../dynamic/object-planner";
import { type PropertyRule, rulesOf, sameValue } from "../dynamic/properties";
import { containsUnknown, UNKNOWN } from "../dynamic/unknown";
import { isRepositoryResource, matchRepositories } from "./match";
import { type MemoryStoreInput, normalizeMemoryStore } from "./memory-store-entries";
import { normalizeAgent, type SessionInputs, sessionProperties } from "./model";
import {
  type CheckoutInput,
  REPOSITORY_WIRE_TYPES,
  type RepositoryInput,
  type RepositoryKind,
  repositoryKey,
  repositoryKindOf,
  repositoryProperties,
} from "./repository-model";
import { checkoutFromWire, remoteSettings, type SessionState } from "./state";

const SESSION_RULES = rulesOf(sessionProperties);
const REPOSITORY_RULES = rulesOf(repositoryProperties);

/** How each property becomes its wire value, where that is more than the value itself. */
const toWire: Record<string, (value: never, rules: [string, PropertyRule][]) => unknown> = {
  agent: (agent: SessionInputs["agent"]) => {
    const { id, version } = normalizeAgent(agent);
    return version === undefined ? id : { type: "agent", id, version };
  },
  checkout: (checkout: CheckoutInput): CheckoutWire =>
    checkout.branch !== undefined ? { type: "branch", name: checkout.branch } : { type: "commit", sha: checkout.commit as string },
  type: (kind: RepositoryKind) => REPOSITORY_WIRE_TYPES[kind],
  repositories: (repositories: RepositoryInput[], rules = REPOSITORY_RULES) => repositories.map((repo) => wireFields(rules, repo)),
  memoryStoreIds: (stores: MemoryStoreInput[]) =>
    stores.map((store) => {
      const { id, access, instructions } = normalizeMemoryStore(store);
      return {
        type: "memory_store",
        memory_store_id: id,
        ...(access !== undefined && { access }),
        ...(instructions !== undefined && { instructions }),
      };
    }),
};

function wireFields(rules: [string, PropertyRule][], values: Record<string, unknown>, nested = REPOSITORY_RULES): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, rule] of rules) {
    const value = values[name] ?? rule.whenAbsent;
    if (!rule.wire || value === undefined || (Array.isArray(value) && value.length === 0 && name !== "repositories")) continue;
    const convert = toWire[name] as ((value: unknown, rules: [string, PropertyRule][]) => unknown) | undefined;
    const wire = convert ? convert(value, nested) : value;
    // Two properties may share a wire list (repositories and memory stores are both `resources`).
    const earlier = body[rule.wire];
    body[rule.wire] = Array.isArray(earlier) && Array.isArray(wire) ? [...earlier, ...wire] : wire;
  }
  return body;
}

/** The body of `POST /sessions` for the given inputs (docs/api-contract.md#sessions). */
export function createSessionRequest(inputs: SessionInputs): CreateSessionWire {
  return wireFields(SESSION_RULES, inputs) as unknown as CreateSessionWire;
}

/**
 * What makes a Session the one these inputs ask for: the create request's fields that cannot
 * change on a live Session, without secrets. Title, metadata and tokens are left out, since they
 * can be set on a Session found again after an interrupted create.
 */
export function createIdentity(inputs: SessionInputs): Record<string, unknown> {
  const fixed = SESSION_RULES.filter(([, rule]) => rule.change === "replace");
  return wireFields(
    fixed,
    inputs,
    REPOSITORY_RULES.filter(([, rule]) => !rule.secret),
  );
}

/** One credential rotation: the new credential for the Session resource that mounts a repository. */
export interface Rotation {
  resourceId: string;
  repositoryKey: string;
  /** The body of the rotation: the repository's `rotate` property under its wire name. */
  credential: RepositoryCredentialWire;
}

const CREDENTIAL_RULES = REPOSITORY_RULES.filter(([, rule]) => rule.change === "rotate");

/** A repository's credential as a rotation sends it: `{ authorization_token }` or `{ password }`. */
export function repositoryCredential(repository: RepositoryInput): RepositoryCredentialWire {
  return wireFields(CREDENTIAL_RULES, repository) as RepositoryCredentialWire;
}

/** What differs between the stored state and the new inputs, and how it is applied. */
export interface SessionDiff {
  /** Whether anything differs at all. */
  changes: boolean;
  /** Top-level properties whose change needs a new Session. */
  replaces: string[];
  /** Credentials to rotate in place, for repositories that are kept; empty when the Session is replaced. */
  rotations: Rotation[];
  /** The `POST /sessions/{id}` body for title and metadata changes; undefined when there are none. */
  patch: UpdateSessionWire | undefined;
  /**
   * The properties an in-place update would send to the API (`repositories` for a credential to
   * rotate, `title`, `metadata`), values unknown during preview included; empty when the Session
   * is replaced or nothing is sent.
   */
  inPlace: string[];
}

/** The merge patch that turns the old `update` properties into the new ones. */
export function sessionPatch(olds: Partial<SessionInputs>, news: Partial<SessionInputs>): UpdateSessionWire | undefined {
  const patch: Record<string, unknown> = {};
  for (const [name, rule] of SESSION_RULES) {
    if (rule.change !== "update" || !rule.wire) continue;
    const before = olds[name as keyof SessionInputs];
    const after = news[name as keyof SessionInputs];
    if (rule.mergePatch) {
      const merge = mergePatch((before ?? {}) as Record<string, string>, (after ?? {}) as Record<string, string>);
      if (merge) patch[rule.wire] = merge;
    } else if (!sameValue(rule, before, after)) {
      patch[rule.wire] = after ?? null;
    }
  }
  return Object.keys(patch).length > 0 ? (patch as UpdateSessionWire) : undefined;
}

/** Compares repositories by key, never by position, field by field under their rules. */
function diffRepositories(olds: SessionState["repositories"], news: SessionInputs["repositories"]) {
  if ((news as unknown) === UNKNOWN || news.some((repo) => (repo as unknown) === UNKNOWN)) {
    return { replace: true, rotations: [], changed: true, credentials: false };
  }
  const oldByKey = new Map(olds.map((repo) => [repositoryKey(repo), repo]));
  const newKeys = new Set(news.map((repo) => repositoryKey(repo)));
  let replace = oldByKey.size !== newKeys.size || [...newKeys].some((key) => !oldByKey.has(key));
  let changed = replace;
  let credentials = false;
  const rotations: Rotation[] = [];
  for (const next of news) {
    const old = oldByKey.get(repositoryKey(next));
    if (!old) continue;
    for (const [name, rule] of REPOSITORY_RULES) {
      const before = (old as unknown as Record<string, unknown>)[name];
      const after = (next as unknown as Record<string, unknown>)[name];
      // A credential the kind does not have (a GitHub token on a Git repository) is nothing to rotate.
      const unconfirmed = rule.change === "rotate" && old.tokenUnconfirmed && after !== undefined;
      if (sameValue(rule, before, after) && !unconfirmed) continue;
      changed = true;
      if (rule.change === "rotate") credentials = true;
      if (rule.change === "replace") replace = true;
      else if (
        rule.change === "rotate" &&
        rule.wire &&
        old.resourceId !== undefined &&
        typeof after === "string" &&
        !containsUnknown(after)
      ) {
        const credential = { [rule.wire]: after } as RepositoryCredentialWire;
        rotations.push({ resourceId: old.resourceId, repositoryKey: repositoryKey(next), credential });
      }
    }
  }
  return { replace, rotations: replace ? [] : rotations, changed, credentials };
}

/**
 * Decides how new inputs differ from the stored state. Values unknown during preview count as
 * changed; for a property that needs a new Session, that means a replacement is shown.
 */
export function diffSession(state: SessionState, news: SessionInputs): SessionDiff {
  const repositories = diffRepositories(state.repositories, news.repositories);
  const replaces: string[] = [];
  const inPlace = repositories.credentials ? ["repositories"] : [];
  let changes = repositories.changed;
  for (const [name, rule] of SESSION_RULES) {
    if (name === "repositories") {
      if (repositories.replace) replaces.push(name);
    } else if (!sameValue(rule, state[name as keyof SessionState], news[name as keyof SessionInputs])) {
      changes = true;
      if (rule.change === "replace") replaces.push(name);
      if (rule.change === "update" && rule.wire) inPlace.push(name);
    }
  }
  const patchUnknown = SESSION_RULES.some(([name, rule]) => rule.change === "update" && containsUnknown(news[name as keyof SessionInputs]));
  const patch = patchUnknown ? undefined : sessionPatch(state, news);
  // A new Session gets the tokens with its create: nothing is rotated on the one it replaces.
  const replaced = replaces.length > 0;
  return { changes, replaces, rotations: replaced ? [] : repositories.rotations, patch, inPlace: replaced ? [] : inPlace };
}

/**
 * The Session the API holds, in the terms of the inputs it is compared with: the agent pinned
 * only where the inputs pin it, repositories as the API mounted them.
 */
function remoteAsDeclared(inputs: SessionInputs, session: SessionWire, resources: readonly ResourceWire[]) {
  const agentId = session.agent?.id ?? session.agent_id ?? "";
  const pinned = normalizeAgent(inputs.agent).version !== undefined;
  return {
    agent: pinned ? { id: agentId, version: session.agent?.version } : agentId,
    environmentId: session.environment_id,
    vaultIds: session.vault_ids,
    memoryStoreIds: remoteMemoryStores(inputs.memoryStoreIds, session, resources),
    ...remoteSettings(inputs, session),
    resources: resources.filter(isRepositoryResource),
  };
}

/**
 * The memory stores a Session mounts, in the terms of the declared ones. Older servers list them
 * in `memory_store_ids`, newer ones as `resources[]` entries, which may or may not echo `access`
 * and `instructions`: a field is compared only where the inputs declare it and the API reports
 * it; one the API leaves out counts as declared, one the inputs leave out as the API's choice.
 */
function remoteMemoryStores(declared: readonly MemoryStoreInput[] | undefined, session: SessionWire, resources: readonly ResourceWire[]) {
  const wanted = new Map((declared ?? []).map((entry) => [normalizeMemoryStore(entry).id, normalizeMemoryStore(entry)]));
  const reported = new Map<string, { access?: string | null; instructions?: string | null }>(
    session.memory_store_ids.map((id) => [id, {}]),
  );
  for (const resource of resources) {
    if (resource.type === "memory_store" && resource.memory_store_id) reported.set(resource.memory_store_id, resource);
  }
  return [...reported].map(([id, entry]): MemoryStoreInput => {
    const want = wanted.get(id);
    const access = want?.access === undefined ? undefined : (entry.access ?? want.access);
    const instructions = want?.instructions === undefined ? undefined : (entry.instructions ?? want.instructions);
    return access === undefined && instructions === undefined
      ? id
      : ({ id, ...(access !== undefined && { access }), ...(instructions !== undefined && { instructions }) } as MemoryStoreInput);
  });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  if (value && typeof value === "object") {
    const { id, version, ...rest } = value as { id?: string; version?: number };
    if (!id) return JSON.stringify(value);
    // An agent's pinned version; a memory store's access and instructions.
    const details = Object.entries(rest).map(([key, inner]) => `${key} ${JSON.stringify(inner)}`);
    return `${id}${version ? ` version ${version}` : ""}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
  }
  return String(value);
}

/**
 * Every way an existing Session differs from the inputs in a property that cannot change in
 * place; an empty list means it can be taken over (tokens, title and metadata are then applied).
 */
export function adoptionMismatches(inputs: SessionInputs, session: SessionWire, resources: readonly ResourceWire[]): string[] {
  const problems: string[] = [];
  if (session.archived_at) problems.push(`it was archived at ${session.archived_at}`);
  const remote = remoteAsDeclared(inputs, session, resources);
  for (const [name, rule] of SESSION_RULES) {
    if (rule.change !== "replace" || name === "repositories") continue;
    const have = remote[name as keyof typeof remote];
    const want = inputs[name as keyof SessionInputs];
    if (!sameValue(rule, have, want))
      problems.push(`its ${rule.label ?? name} ${rule.label?.endsWith("s") ? "are" : "is"} ${describe(have)}, not ${describe(want ?? [])}`);
  }
  const { matched, unmatched } = matchRepositories(inputs.repositories, remote.resources);
  for (const repo of unmatched) problems.push(`it does not mount ${repo.url}${repo.mountPath ? ` at ${repo.mountPath}` : ""}`);
  for (const [repo, resource] of matched) {
    const mounted = {
      type: repositoryKindOf(resource.type),
      url: resource.url,
      mountPath: resource.mount_path,
      checkout: checkoutFromWire(resource.checkout),
    };
    for (const [name, rule] of REPOSITORY_RULES) {
      const want = (repo as unknown as Record<string, unknown>)[name];
      // A field left out takes whatever the API chose; matching already compared url and mount path.
      if (rule.change !== "replace" || want === undefined) continue;
      const have = mounted[name as keyof typeof mounted];
      if (!sameValue(rule, have, want)) problems.push(`${repositoryKey(repo)} has ${name} ${describe(have)}, not ${describe(want)}`);
    }
  }
  const taken = new Set<ResourceWire>(matched.values());
  for (const resource of remote.resources.filter((resource) => !taken.has(resource))) {
    problems.push(`it also mounts ${resource.url} at ${resource.mount_path}, which the inputs do not declare`);
  }
  return problems;
}
