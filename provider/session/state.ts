/**
 * The state stored for a Session, and every way it is made: from inputs, what the API returned,
 * and what failed. Pure: no I/O. The adapter stores exactly what these functions return.
 */
import type { CheckoutWire, ResourceWire, SessionWire } from "../api/wire";
import { CREATE_MARKER } from "../dynamic/idempotency";
import { QoderMismatchError } from "../errors";
import { matchRepositories } from "./match";
import type { SessionInputs } from "./model";
import {
  type CheckoutInput,
  type GitHubRepositoryInput,
  type GitRepositoryInput,
  REPOSITORY_SECRET_FIELDS,
  type RepositoryInput,
  repositoryKey,
} from "./repository-model";

/** What the provider records of a declared repository beyond its inputs. */
export interface RepositoryRecord {
  /** The `sesr_…` id of the Session resource that mounts it; absent until the provider has seen it. */
  resourceId?: string;
  /** Set when the API may hold another credential than this one; the next update rotates it. */
  tokenUnconfirmed?: true;
}

/** A declared repository as stored: the inputs plus what the API reported of it. */
export type RepositoryState = RepositoryInput & RepositoryRecord;

/** A repository as the API mounted it; holds no credential. */
export interface MountOutput {
  /** `"git"` for a generic Git repository; absent for a GitHub repository. */
  type?: "git";
  url: string;
  mountPath: string;
  checkout: CheckoutInput | null;
  resourceId: string;
}

/** What a Session reports beyond its inputs. */
export interface SessionOutputs {
  /** The repositories as the API mounted them, in the order of `repositories`. */
  mounts: MountOutput[];
  /** `sess_…`, the same as the resource id. */
  sessionId: string;
  status: string;
  createdAt: string;
  archivedAt: string | null;
}

/** The output properties a Session registers next to its inputs. */
export const OUTPUT_NAMES = [
  "mounts",
  "sessionId",
  "status",
  "createdAt",
  "archivedAt",
] as const satisfies readonly (keyof SessionOutputs)[];

/** Everything stored for a Session: the inputs, each repository's resource id, and the outputs. */
export interface SessionState extends Omit<SessionInputs, "repositories">, SessionOutputs {
  repositories: RepositoryState[];
}

/** A stored repository without its credential, with the credential's plaintext fingerprint instead. */
export type VisibleRepositoryState =
  | (Omit<GitHubRepositoryInput, "authorizationToken"> & RepositoryRecord & { authorizationTokenFingerprint?: string })
  | (Omit<GitRepositoryInput, "password"> & RepositoryRecord & { passwordFingerprint?: string });

/**
 * A Session's state as the engine stores it and the resource exposes it: the credentials in
 * `repositorySecrets` (secret), apart from the repositories (plaintext).
 */
export type StoredSessionState = Omit<SessionState, "repositories"> & {
  repositories: VisibleRepositoryState[];
  /** Each repository's credential (`authorizationToken` or `password`), in the order of `repositories`. Secret. */
  repositorySecrets: (Pick<GitHubRepositoryInput, "authorizationToken"> | Pick<GitRepositoryInput, "password">)[];
};

/** The declared form of a checkout the API reported. */
export function checkoutFromWire(checkout: CheckoutWire | null | undefined): CheckoutInput | null {
  if (checkout?.type === "branch" && checkout.name) return { branch: checkout.name };
  if (checkout?.type === "commit" && checkout.sha) return { commit: checkout.sha };
  return null;
}

function sessionOutputs(session: SessionWire, mounts: MountOutput[]): SessionOutputs {
  return { mounts, sessionId: session.id, status: session.status, createdAt: session.created_at, archivedAt: session.archived_at ?? null };
}

/** State as stored by any release: a blank resource id (from 0.1.0) means it is not known yet. */
export function fromStored(stored: SessionState): SessionState {
  const repositories = stored.repositories.map((repo) =>
    repo.resourceId === "" ? { ...withoutResourceId(repo), tokenUnconfirmed: true as const } : repo,
  );
  return { ...stored, repositories };
}

function withoutResourceId({ resourceId: _id, tokenUnconfirmed: _t, ...repo }: RepositoryState): RepositoryInput {
  return repo as RepositoryInput;
}

/** The inputs a state was made from. */
export function storedInputs(state: SessionState): SessionInputs {
  const { mounts: _m, sessionId: _s, status: _st, createdAt: _c, archivedAt: _a, ...inputs } = state;
  return { ...inputs, repositories: state.repositories.map(withoutResourceId) };
}

/**
 * The Session as the API holds it: each declared repository the Session mounts, paired with its
 * resource, and the declared repositories it does not mount (`missing`).
 */
function mountedState(inputs: SessionInputs, session: SessionWire, resources: readonly ResourceWire[]) {
  const { matched, unmatched } = matchRepositories(inputs.repositories, resources);
  const paired = inputs.repositories.flatMap((repo) => {
    const resource = matched.get(repo);
    return resource ? [[repo, resource] as const] : [];
  });
  const mounts = paired.map(([repo, resource]) => ({
    ...(repo.type === "git" && { type: repo.type }),
    url: resource.url ?? repo.url,
    mountPath: resource.mount_path ?? repo.mountPath ?? "",
    checkout: checkoutFromWire(resource.checkout),
    resourceId: resource.id,
  }));
  const state: SessionState = {
    ...inputs,
    repositories: paired.map(([repo, resource]) => ({ ...repo, resourceId: resource.id })),
    ...sessionOutputs(session, mounts),
  };
  return { state, missing: unmatched };
}

/** The Session as the API holds it; it must mount every declared repository. */
export function sessionState(inputs: SessionInputs, session: SessionWire, resources: readonly ResourceWire[]): SessionState {
  const { state, missing } = mountedState(inputs, session, resources);
  if (missing.length > 0) {
    throw new QoderMismatchError(`Session ${session.id} does not mount ${missing.map((repo) => repositoryKey(repo)).join(", ")}`);
  }
  return state;
}

/** True when `resources` include a resource for every repository the state declares. */
export function coversRepositories(state: SessionState, resources: readonly ResourceWire[]): boolean {
  return matchRepositories(state.repositories, resources).unmatched.length === 0;
}

/**
 * A Session just created whose resources could not be read: the API holds the tokens sent with
 * the create, and the next update looks up the resource ids.
 */
export function createdState(inputs: SessionInputs, session: SessionWire): SessionState {
  return { ...inputs, ...sessionOutputs(session, []) };
}

/**
 * Title and metadata as the API holds them, in the inputs' terms (absent stays absent). The
 * provider's own create marker is not the user's metadata: it is left out.
 */
export function remoteSettings(
  stored: Pick<SessionInputs, "title" | "metadata">,
  session: SessionWire,
): Pick<SessionInputs, "title" | "metadata"> {
  const title = session.title ?? "";
  const { [CREATE_MARKER]: _marker, ...metadata } = session.metadata ?? {};
  return {
    title: stored.title === undefined && title === "" ? undefined : title,
    metadata: stored.metadata === undefined && Object.keys(metadata).length === 0 ? undefined : metadata,
  };
}

/** A Session taken over whose tokens, title or metadata could not all be set: none of them is confirmed. */
export function unconfirmedTakeover(taken: SessionState, session: SessionWire): SessionState {
  return {
    ...taken,
    ...remoteSettings(taken, session),
    repositories: taken.repositories.map((repo) => ({ ...repo, tokenUnconfirmed: true as const })),
  };
}

/**
 * What a refresh stores: what the API now holds. Title and metadata as the API reports them, and
 * only the repositories the Session still mounts: a repository removed behind Pulumi's back is
 * drift, which the next preview shows as the replacement that restores it.
 */
export function refreshedState(stored: SessionState, session: SessionWire, resources: readonly ResourceWire[]): SessionState {
  const inputs = storedInputs(stored);
  const { state } = mountedState({ ...inputs, ...remoteSettings(inputs, session) }, session, resources);
  return keepTokenFlags(stored, state);
}

/** `next` with each repository's unconfirmed-token flag carried over from `before`. */
function keepTokenFlags(before: SessionState, next: SessionState): SessionState {
  const unconfirmed = new Set(before.repositories.flatMap((repo) => (repo.tokenUnconfirmed ? [repositoryKey(repo)] : [])));
  if (unconfirmed.size === 0) return next;
  const repositories = next.repositories.map((repo) =>
    unconfirmed.has(repositoryKey(repo)) ? { ...repo, tokenUnconfirmed: true as const } : repo,
  );
  return { ...next, repositories };
}

/** A stored state with every resource id filled in from the API's list. */
export function withResourceIds(current: SessionState, session: SessionWire, resources: readonly ResourceWire[]): SessionState {
  const found = sessionState(storedInputs(current), session, resources);
  return keepTokenFlags(current, { ...current, mounts: found.mounts, repositories: found.repositories });
}

const SECRET_NAMES = Object.keys(REPOSITORY_SECRET_FIELDS);

/**
 * `repo` with the credential of `before` (the one the API still holds) instead of its own. Both
 * are of one kind: a change of kind replaces the Session, so it never reaches an update.
 */
function withCredentialOf(repo: RepositoryInput, before: RepositoryState): RepositoryInput {
  const held = before as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(repo).map(([name, value]) => [name, SECRET_NAMES.includes(name) ? held[name] : value]),
  ) as RepositoryInput;
}

/**
 * The state after an in-place update: the new inputs, each kept repository with its resource id
 * and mount, and, wherever a rotation has not happened, the credential the API still holds.
 * `settings` are the title and metadata the API holds (the new ones when the patch went through).
 */
export function updatedState(
  current: SessionState,
  news: SessionInputs,
  rotated: ReadonlySet<string>,
  settings: Pick<SessionInputs, "title" | "metadata">,
  session?: SessionWire,
): SessionState {
  const old = new Map(current.repositories.map((repo, index) => [repositoryKey(repo), index]));
  const repositories = news.repositories.map((repo): RepositoryState => {
    const key = repositoryKey(repo);
    const index = old.get(key);
    const before = index === undefined ? undefined : current.repositories[index];
    if (!before || rotated.has(key)) return { ...repo, ...(before?.resourceId !== undefined && { resourceId: before.resourceId }) };
    const { resourceId, tokenUnconfirmed } = before;
    return {
      ...withCredentialOf(repo, before),
      ...(resourceId !== undefined && { resourceId }),
      ...(tokenUnconfirmed && { tokenUnconfirmed }),
    };
  });
  const mounts = news.repositories.flatMap((repo) => {
    const index = old.get(repositoryKey(repo));
    const mount = index === undefined ? undefined : current.mounts[index];
    return mount ? [mount] : [];
  });
  return {
    ...news,
    ...settings,
    repositories,
    mounts,
    sessionId: current.sessionId,
    status: session?.status ?? current.status,
    createdAt: current.createdAt,
    archivedAt: session ? (session.archived_at ?? null) : current.archivedAt,
  };
}
