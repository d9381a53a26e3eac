import type { ResourceWire } from "../api/wire";
import { REPOSITORY_WIRE_TYPES, type RepositoryInput, repositoryWireType } from "./repository-model";

/** A repository resource as the API reported it, with the id it is rotated by. */
export type RepositoryResource = ResourceWire & { id: string };

const REPOSITORY_TYPES: readonly string[] = Object.values(REPOSITORY_WIRE_TYPES);

/** True for a resource that mounts a repository (of any kind) and has an id. */
export function isRepositoryResource(resource: ResourceWire): resource is RepositoryResource {
  return REPOSITORY_TYPES.includes(resource.type) && resource.id !== undefined && resource.id !== "";
}

/** Lookup key of a mount by type, URL and mount path. */
const mountKey = (type: string, url: string | undefined, mountPath: string | undefined) => `${type}\u0000${url}\u0000${mountPath}`;

/** Hands out the resources of each key in the API's order, each resource once. */
class ResourcePool {
  private readonly lists = new Map<string, { resources: RepositoryResource[]; next: number }>();

  add(key: string, resource: RepositoryResource): void {
    const entry = this.lists.get(key);
    if (entry) entry.resources.push(resource);
    else this.lists.set(key, { resources: [resource], next: 0 });
  }

  /** The first resource under `key` not yet taken by any key. */
  take(key: string, taken: Set<RepositoryResource>): RepositoryResource | undefined {
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
 * Pairs each declared repository with the Session resource that mounts it, by kind, URL and mount
 * path (the API's order of `resources` is not documented), in time linear in the number of
 * repositories. Returns the repositories left unmatched.
 */
export function matchRepositories(
  repositories: readonly RepositoryInput[],
  resources: readonly ResourceWire[],
): { matched: Map<RepositoryInput, RepositoryResource>; unmatched: RepositoryInput[] } {
  const byMount = new ResourcePool();
  const byUrl = new ResourcePool();
  for (const resource of resources) {
    if (!isRepositoryResource(resource)) continue;
    byMount.add(mountKey(resource.type, resource.url, resource.mount_path), resource);
    byUrl.add(mountKey(resource.type, resource.url, undefined), resource);
  }
  const taken = new Set<RepositoryResource>();
  const matched = new Map<RepositoryInput, RepositoryResource>();
  const unmatched: RepositoryInput[] = [];
  // Repositories with an explicit mount path first, so a URL-only entry cannot take their mount.
  const ordered = [...repositories].sort((a, b) => Number(a.mountPath === undefined) - Number(b.mountPath === undefined));
  for (const repo of ordered) {
    const type = repositoryWireType(repo);
    const resource =
      repo.mountPath === undefined
        ? byUrl.take(mountKey(type, repo.url, undefined), taken)
        : byMount.take(mountKey(type, repo.url, repo.mountPath), taken);
    if (resource) matched.set(repo, resource);
    else unmatched.push(repo);
  }
  return { matched, unmatched };
}
