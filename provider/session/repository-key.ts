import type { RepositoryInput } from "./inputs";

/**
 * The identity of a declared repository: its mount path, or its URL when no mount path is given.
 * Repositories are matched across old and new inputs by this key, never by list position, so
 * reordering the list changes nothing.
 */
export function repositoryKey(repository: Pick<RepositoryInput, "url" | "mountPath">): string {
  return repository.mountPath ?? repository.url;
}
