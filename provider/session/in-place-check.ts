/**
 * Whether a Session can still take the in-place update a diff plans. The API rotates no
 * credential of an archived Session (the emulator answers 400), and mounts no repository on a
 * live one (docs/api-contract.md#session-resources: add takes files only). So a Session archived
 * or stripped of a declared repository outside Pulumi needs a new Session, and only a diff can ask
 * the engine for one: an update that fails would fail the same way on every `up`.
 */
import type { ResourceWire, SessionWire } from "../api/wire";
import { QoderMismatchError } from "../errors";
import { matchRepositories } from "./match";
import { repositoryKey } from "./repository-model";
import type { SessionState } from "./state";

/**
 * Why Session `id`, as the API holds it (with every resource it has), cannot take an in-place
 * update of the stored `state`; undefined when it can. Both reasons are the word of a Session that
 * exists, so they come from the API the Session lives in.
 */
export function replacementReason(
  id: string,
  state: Pick<SessionState, "repositories">,
  session: SessionWire,
  resources: readonly ResourceWire[],
): string | undefined {
  if (session.archived_at) {
    return `Session ${id} was archived outside Pulumi (at ${session.archived_at}), and an archived Session's credentials cannot be updated`;
  }
  const { unmatched } = matchRepositories(state.repositories, resources);
  if (unmatched.length === 0) return undefined;
  const keys = unmatched.map((repo) => repositoryKey(repo)).join(", ");
  return `Session ${id} no longer mounts ${keys} (its resource was deleted outside Pulumi), and the API mounts repositories only when it creates a Session`;
}

/**
 * The error of a Session the API at `apiUrl` says does not exist. It is not replaced on that word
 * alone: an API that accepts the token but holds other objects (a mistyped URL, another
 * deployment) says the same of every id. A refresh with the current settings records it as gone
 * (or refuses, naming the API the stack's state records), and the next `up` creates it again.
 */
export function sessionGone(id: string, apiUrl: string): QoderMismatchError {
  return new QoderMismatchError(
    `Session ${id} cannot be updated: the API at ${apiUrl} says it does not exist (deleted outside Pulumi?). ` +
      "Run `pulumi refresh --run-program` to record that, then `pulumi up` to create it again",
  );
}
