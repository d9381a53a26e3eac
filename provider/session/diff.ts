import type { UpdateSessionWire } from "../api/wire";
import { sameAgent } from "./agent";
import { sameCheckout } from "./checkout";
import type { RepositoryInput, RepositoryOutput, SessionInputs, SessionOutputs } from "./inputs";
import { repositoryKey } from "./repository-key";
import { containsUnknown, UNKNOWN } from "./unknown";

/** One credential rotation: the new token for the Session resource that mounts a repository. */
export interface Rotation {
  resourceId: string;
  repositoryKey: string;
  authorizationToken: string;
}

/** What changes between the stored outputs and the new inputs, and how it must be applied. */
export interface SessionDiff {
  /** Whether anything differs at all. */
  changes: boolean;
  /** Top-level properties whose change forces a new Session. */
  replaces: string[];
  /** Tokens to rotate in place (only for repositories that are kept). */
  rotations: Rotation[];
  /** Title and metadata changes for `POST /sessions/{id}`; undefined when there are none. */
  patch: UpdateSessionWire | undefined;
}

function sameIdSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = [...(a ?? [])].sort();
  const y = [...(b ?? [])].sort();
  return x.length === y.length && x.every((value, index) => value === y[index]);
}

/** True when the kept repository's mount cannot stay as it is (url, mount path or checkout moved). */
function mountChanged(old: RepositoryInput, next: RepositoryInput): boolean {
  if (containsUnknown([next.url, next.mountPath, next.checkout])) return true;
  return old.url !== next.url || old.mountPath !== next.mountPath || !sameCheckout(old.checkout, next.checkout);
}

/** Compares repositories by key, never by position. */
function diffRepositories(olds: readonly RepositoryOutput[], news: SessionInputs["repositories"]) {
  if ((news as unknown) === UNKNOWN || news.some((repo) => (repo as unknown) === UNKNOWN)) {
    return { replace: true, rotations: [], tokenChanged: true };
  }
  const oldByKey = new Map(olds.map((repo) => [repositoryKey(repo), repo]));
  const newKeys = new Set(news.map((repo) => repositoryKey(repo)));
  let replace = oldByKey.size !== newKeys.size || [...newKeys].some((key) => !oldByKey.has(key));
  const rotations: Rotation[] = [];
  let tokenChanged = false;
  for (const next of news) {
    const old = oldByKey.get(repositoryKey(next));
    if (!old) continue;
    if (mountChanged(old, next)) replace = true;
    if (old.authorizationToken !== next.authorizationToken) {
      tokenChanged = true;
      rotations.push({ resourceId: old.resourceId, repositoryKey: repositoryKey(next), authorizationToken: next.authorizationToken });
    }
  }
  return { replace, rotations: replace ? [] : rotations, tokenChanged };
}

/** The merge patch that turns the old title and metadata into the new ones. */
export function sessionPatch(
  olds: Pick<SessionInputs, "title" | "metadata">,
  news: Pick<SessionInputs, "title" | "metadata">,
): UpdateSessionWire | undefined {
  const patch: UpdateSessionWire = {};
  if ((olds.title ?? "") !== (news.title ?? "")) patch.title = news.title ?? null;
  const before = olds.metadata ?? {};
  const after = news.metadata ?? {};
  const metadata: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) metadata[key] = value;
  for (const key of Object.keys(before)) if (!(key in after)) metadata[key] = null;
  if (Object.keys(metadata).length > 0) patch.metadata = metadata;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * Decides how new inputs differ from the stored outputs. Values unknown during preview count as
 * changed; for a property that forces replacement, that means a replacement is shown.
 */
export function diffSession(olds: SessionOutputs, news: SessionInputs): SessionDiff {
  const replaces: string[] = [];
  if (containsUnknown(news.agent) || !sameAgent(olds.agent, news.agent)) replaces.push("agent");
  if (containsUnknown(news.environmentId) || olds.environmentId !== news.environmentId) replaces.push("environmentId");
  const repositories = diffRepositories(olds.repositories ?? [], news.repositories);
  if (repositories.replace) replaces.push("repositories");
  if (containsUnknown(news.vaultIds) || !sameIdSet(olds.vaultIds, news.vaultIds)) replaces.push("vaultIds");
  if (containsUnknown(news.memoryStoreIds) || !sameIdSet(olds.memoryStoreIds, news.memoryStoreIds)) replaces.push("memoryStoreIds");

  const patchUnknown = containsUnknown(news.title) || containsUnknown(news.metadata);
  const patch = patchUnknown ? undefined : sessionPatch(olds, news);
  const settingsChanged =
    (olds.deletionMode ?? "archive") !== (news.deletionMode ?? "archive") || olds.adoptSessionId !== news.adoptSessionId;
  const changes = replaces.length > 0 || repositories.tokenChanged || patchUnknown || patch !== undefined || settingsChanged;
  return { changes, replaces, rotations: repositories.rotations, patch };
}
