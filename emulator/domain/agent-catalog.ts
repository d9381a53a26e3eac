import { ApiError } from "../api-error";
import type { AgentReference } from "./session-params";
import type { AgentSnapshot } from "./wire-types";

/** An agent the emulator knows, so sessions can bind to its latest version. */
export interface KnownAgent {
  id: string;
  /** Latest active version; a session that does not pin a version binds to it. */
  latestVersion: number;
  name?: string;
}

const DEFAULT_AGENT_NAME = "Emulated agent";

/**
 * Resolves an agent reference to the snapshot a session embeds. The emulator has no agents API:
 * unknown agent ids are accepted and their latest version is taken to be 1.
 */
export class AgentCatalog {
  private readonly known = new Map<string, KnownAgent>();

  constructor(agents: readonly KnownAgent[] = []) {
    for (const agent of agents) this.known.set(agent.id, agent);
  }

  /** The snapshot for `reference`; 404 when a known agent is pinned past its latest version. */
  resolve(reference: AgentReference): AgentSnapshot {
    const agent = this.known.get(reference.id);
    const latest = agent?.latestVersion ?? 1;
    const version = reference.version ? reference.version : latest;
    if (agent && version > latest) {
      throw new ApiError(404, "not_found_error", `Agent '${reference.id}' version ${version} was not found.`);
    }
    return { id: reference.id, type: "agent", version, name: agent?.name ?? DEFAULT_AGENT_NAME };
  }
}
