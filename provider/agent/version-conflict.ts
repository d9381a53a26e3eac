/**
 * An agent update carries the version the provider last saw; the API refuses a stale one with 409
 * (docs/api-contract.md#agents). This says what happened and what to do. Pure: no I/O.
 */
import type { AgentWire } from "../api/wire";
import { QoderMismatchError } from "../errors";

const NEXT_STEPS =
  "Nothing was changed. Run `pulumi refresh --run-program` to take that change into the stack's state, then `pulumi up` to apply the program to it";

/**
 * The error for an update the API refused with 409, given the agent as it holds it now (undefined
 * when it no longer exists); undefined when the 409 was not about the version.
 */
export function versionConflict(id: string, stateVersion: number, held: AgentWire | undefined): QoderMismatchError | undefined {
  if (!held || held.archived_at) {
    const what = held ? `archived at ${held.archived_at}` : "deleted";
    return new QoderMismatchError(
      `Agent ${id} was ${what} outside Pulumi; the stack's state holds version ${stateVersion}. ${NEXT_STEPS} (which creates the agent anew)`,
      { status: 409 },
    );
  }
  if (held.version === stateVersion) return undefined;
  return new QoderMismatchError(
    `Agent ${id} was changed outside Pulumi: the stack's state holds version ${stateVersion}, the API holds version ${held.version}. ${NEXT_STEPS}`,
    { status: 409 },
  );
}

/** The error for an update whose state holds no version to send: never sent without one. */
export function missingVersion(id: string): QoderMismatchError {
  return new QoderMismatchError(
    `Agent ${id}: the stack's state holds no version, and an update without one would overwrite changes made outside Pulumi. Run \`pulumi refresh --run-program\`, then \`pulumi up\``,
  );
}
