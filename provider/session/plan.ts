import type { CreateSessionWire, ResourceWire, SessionWire } from "../api/wire";
import { normalizeAgent, sameAgent } from "./agent";
import { checkoutFromWire, checkoutToWire, sameCheckout } from "./checkout";
import type { MountOutput, RepositoryInput, SessionInputs, SessionOutputs } from "./inputs";
import { repositoryKey } from "./repository-key";

/** The body of `POST /sessions` for the given inputs. The one place inputs become snake_case. */
export function createSessionRequest(inputs: SessionInputs): CreateSessionWire {
  const agent = normalizeAgent(inputs.agent);
  const body: CreateSessionWire = {
    agent: agent.version === undefined ? agent.id : { type: "agent", id: agent.id, version: agent.version },
    environment_id: inputs.environmentId,
    resources: inputs.repositories.map((repo) => ({
      type: "github_repository",
      url: repo.url,
      ...(repo.mountPath !== undefined && { mount_path: repo.mountPath }),
      authorization_token: repo.authorizationToken,
      ...(repo.checkout !== undefined && { checkout: checkoutToWire(repo.checkout) }),
    })),
  };
  if (inputs.title !== undefined) body.title = inputs.title;
  if (inputs.metadata !== undefined) body.metadata = inputs.metadata;
  if (inputs.vaultIds?.length) body.vault_ids = inputs.vaultIds;
  if (inputs.memoryStoreIds?.length) body.memory_store_ids = inputs.memoryStoreIds;
  return body;
}

/** Lookup key of a mount by URL and mount path. */
const mountKey = (url: string | undefined, mountPath: string | undefined) => `${url}\u0000${mountPath}`;

/** Hands out the resources of each key in the API's order, each resource once. */
class ResourcePool {
  private readonly lists = new Map<string, { resources: ResourceWire[]; next: number }>();

  add(key: string, resource: ResourceWire): void {
    const entry = this.lists.get(key);
    if (entry) entry.resources.push(resource);
    else this.lists.set(key, { resources: [resource], next: 0 });
  }

  /** The first resource under `key` not yet taken by any key. */
  take(key: string, taken: Set<ResourceWire>): ResourceWire | undefined {
    const entry = this.lists.get(key);
    while (entry && entry.next < entry.resources.length) {
      const resource = entry.resources[entry.next++];
      if (!taken.has(resource)) {
        taken.add(resource);
        return resource;
      }
    }
    return undefined;
  }
}

/**
 * Pairs each declared repository with the Session resource that mounts it, by URL and mount path
 * (the API's order of `resources` is not documented), in time linear in the number of
 * repositories. Returns the repositories left unmatched.
 */
export function matchRepositories(
  repositories: readonly RepositoryInput[],
  resources: readonly ResourceWire[],
): { matched: Map<RepositoryInput, ResourceWire>; unmatched: RepositoryInput[] } {
  const byMount = new ResourcePool();
  const byUrl = new ResourcePool();
  for (const resource of resources) {
    if (resource.type !== "github_repository") continue;
    byMount.add(mountKey(resource.url, resource.mount_path), resource);
    byUrl.add(mountKey(resource.url, undefined), resource);
  }
  const taken = new Set<ResourceWire>();
  const matched = new Map<RepositoryInput, ResourceWire>();
  const unmatched: RepositoryInput[] = [];
  // Repositories with an explicit mount path first, so a URL-only entry cannot take their mount.
  const ordered = [...repositories].sort((a, b) => Number(a.mountPath === undefined) - Number(b.mountPath === undefined));
  for (const repo of ordered) {
    const resource =
      repo.mountPath === undefined
        ? byUrl.take(mountKey(repo.url, undefined), taken)
        : byMount.take(mountKey(repo.url, repo.mountPath), taken);
    if (resource) matched.set(repo, resource);
    else unmatched.push(repo);
  }
  return { matched, unmatched };
}

/** Thrown when the API's answer does not describe the Session the inputs declare. */
export class SessionMismatchError extends Error {
  override name = "SessionMismatchError";
}

/** The state stored for a Session: the inputs plus the ids and mounts the API reported. */
export function sessionOutputs(inputs: SessionInputs, session: SessionWire, resources: readonly ResourceWire[]): SessionOutputs {
  const { matched, unmatched } = matchRepositories(inputs.repositories, resources);
  if (unmatched.length > 0) {
    throw new SessionMismatchError(`Session ${session.id} does not mount ${unmatched.map((repo) => repositoryKey(repo)).join(", ")}`);
  }
  const repositories = inputs.repositories.map((repo) => ({ ...repo, resourceId: matched.get(repo)!.id }));
  const mounts: MountOutput[] = inputs.repositories.map((repo) => {
    const resource = matched.get(repo)!;
    return {
      url: resource.url ?? repo.url,
      mountPath: resource.mount_path ?? repo.mountPath ?? "",
      checkout: checkoutFromWire(resource.checkout),
      resourceId: resource.id,
    };
  });
  return {
    ...inputs,
    repositories,
    mounts,
    sessionId: session.id,
    status: session.status,
    createdAt: session.created_at,
    archivedAt: session.archived_at ?? null,
  };
}

/**
 * Lists every way an existing Session differs from the inputs in something that cannot change in
 * place; an empty list means it can be adopted (tokens, title and metadata are then applied).
 */
export function adoptionMismatches(inputs: SessionInputs, session: SessionWire, resources: readonly ResourceWire[]): string[] {
  const problems: string[] = [];
  if (session.archived_at) problems.push(`it was archived at ${session.archived_at}`);
  const agentId = session.agent?.id ?? session.agent_id ?? "";
  const wanted = normalizeAgent(inputs.agent);
  const actual = wanted.version === undefined ? agentId : { id: agentId, version: session.agent?.version };
  if (!sameAgent(actual, inputs.agent)) {
    problems.push(
      `its agent is ${agentId}${session.agent?.version ? ` version ${session.agent.version}` : ""}, not ${wanted.id}${wanted.version ? ` version ${wanted.version}` : ""}`,
    );
  }
  if (session.environment_id !== inputs.environmentId) {
    problems.push(`its environment is ${session.environment_id}, not ${inputs.environmentId}`);
  }
  const repoResources = resources.filter((resource) => resource.type === "github_repository");
  const { matched, unmatched } = matchRepositories(inputs.repositories, repoResources);
  for (const repo of unmatched) problems.push(`it does not mount ${repo.url}${repo.mountPath ? ` at ${repo.mountPath}` : ""}`);
  for (const [repo, resource] of matched) {
    if (repo.checkout && !sameCheckout(repo.checkout, checkoutFromWire(resource.checkout))) {
      problems.push(
        `${repositoryKey(repo)} is checked out at ${JSON.stringify(checkoutFromWire(resource.checkout))}, not ${JSON.stringify(repo.checkout)}`,
      );
    }
  }
  const mounted = new Set(matched.values());
  const extra = repoResources.filter((resource) => !mounted.has(resource));
  for (const resource of extra) problems.push(`it also mounts ${resource.url} at ${resource.mount_path}, which the inputs do not declare`);
  const sorted = (ids: readonly string[] | undefined) => [...(ids ?? [])].sort().join(",");
  if (sorted(session.vault_ids) !== sorted(inputs.vaultIds)) problems.push(`its vaults are [${session.vault_ids.join(", ")}]`);
  if (sorted(session.memory_store_ids) !== sorted(inputs.memoryStoreIds)) {
    problems.push(`its memory stores are [${session.memory_store_ids.join(", ")}]`);
  }
  return problems;
}
