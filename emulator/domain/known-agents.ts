import type { AgentStore } from "./agent-store";
import type { AgentModel } from "./agent-wire-types";

/** An agent to create when the emulator starts (option `agents`), e.g. to bind sessions to a version above 1. */
export interface KnownAgent {
  /** `agent_…`, used by no other agent. */
  id: string;
  /** How many versions it has (a positive integer); a session that does not pin a version binds to the last. */
  latestVersion: number;
  /** Default `Emulated agent`. */
  name?: string;
  /** Default `ultimate`. */
  model?: AgentModel;
}

/** The name of an agent the emulator makes up: one named in options without a name, or a session's unknown agent id. */
export const DEFAULT_AGENT_NAME = "Emulated agent";

/**
 * Creates each agent at version 1, then updates it (changing nothing) up to its latest version,
 * so all its versions are alike but for `version` and `updated_at`.
 */
export function addKnownAgents(store: AgentStore, agents: readonly KnownAgent[]): void {
  for (const agent of agents) {
    if (!(Number.isInteger(agent.latestVersion) && agent.latestVersion >= 1)) {
      throw new Error(`Agent '${agent.id}': latestVersion must be a positive integer, got ${agent.latestVersion}.`);
    }
    const params = {
      name: agent.name ?? DEFAULT_AGENT_NAME,
      model: agent.model ?? "ultimate",
      system: "",
      description: "",
      tools: [],
      mcp_servers: [],
      skills: [],
      metadata: {},
      multiagent: null,
    };
    store.create(params, agent.id);
    for (let version = 2; version <= agent.latestVersion; version++) store.update(agent.id, {});
  }
}
