import { ApiError } from "../api-error";
import type { TimestampClock } from "../clock";
import { resolvedAgentModel } from "./agent-model";
import type { Agent, AgentModel, AgentSkill, AgentTool, McpServer, Multiagent } from "./agent-wire-types";
import { applyMetadataPatch } from "./metadata-patch";
import { ObjectStore, type StoredObject } from "./object-store";

/** What an agent version is made of: a validated `POST /agents` body, defaults applied (`model` is resolved by the store). */
export type AgentParams = Omit<Agent, "id" | "type" | "version" | "archived_at" | "created_at" | "updated_at">;

/** A validated `POST /agents/{id}` body; absent members are kept. */
export interface AgentPatch {
  /** When given, the version the update expects the agent to be at. */
  version?: number;
  name?: string;
  /** Resolved against the stored model (see {@link resolvedAgentModel}). */
  model?: AgentModel;
  /** `""` clears it. */
  system?: string;
  /** `""` clears it. */
  description?: string;
  /** Arrays replace the agent's whole array. */
  tools?: AgentTool[];
  mcp_servers?: McpServer[];
  skills?: AgentSkill[];
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
  /** `null` removes the roster. */
  multiagent?: Multiagent | null;
}

/** An agent as the store keeps it: its latest version, and the earlier ones as they were. */
export interface StoredAgent extends StoredObject<Agent> {
  /** Versions 1 to latest − 1, oldest first. */
  earlier: Agent[];
}

/** Agents (`agent_…`), versioned: every update makes version + 1 and keeps the one before. */
export class AgentStore extends ObjectStore<Agent, StoredAgent> {
  constructor(clock: TimestampClock) {
    super(clock, { label: "Agent", prefix: "agent_" });
  }

  /** A new agent at version 1. `givenId` is for agents the emulator options name. */
  create(params: AgentParams, givenId?: string): StoredAgent {
    return this.insert(
      (id, now) => ({
        object: {
          id,
          type: "agent",
          ...structuredClone(params),
          model: resolvedAgentModel(params.model),
          version: 1,
          archived_at: null,
          created_at: now,
          updated_at: now,
        },
        earlier: [],
      }),
      givenId,
    );
  }

  /**
   * Makes the next version of a live agent (even when nothing changes). An archived agent is a
   * 400; a `version` other than the latest is a 409 `conflict_error`.
   */
  update(id: string, patch: AgentPatch): StoredAgent {
    const stored = this.requireLive(id, "it cannot be updated");
    const agent = stored.object;
    if (patch.version !== undefined && patch.version !== agent.version) {
      throw new ApiError(409, "conflict_error", `Agent '${id}' is at version ${agent.version}, not ${patch.version}.`);
    }
    stored.earlier.push(structuredClone(agent));
    if (patch.name !== undefined) agent.name = patch.name;
    if (patch.model !== undefined) agent.model = resolvedAgentModel(patch.model, agent.model);
    if (patch.system !== undefined) agent.system = patch.system;
    if (patch.description !== undefined) agent.description = patch.description;
    if (patch.tools) agent.tools = structuredClone(patch.tools);
    if (patch.mcp_servers) agent.mcp_servers = structuredClone(patch.mcp_servers);
    if (patch.skills) agent.skills = structuredClone(patch.skills);
    if (patch.metadata) applyMetadataPatch(agent.metadata, patch.metadata);
    if (patch.multiagent !== undefined) agent.multiagent = structuredClone(patch.multiagent);
    agent.version += 1;
    this.touch(stored);
    return stored;
  }

  /** Every version of the agent, oldest first; the last is the agent as it is now. */
  versions(id: string): Agent[] {
    const stored = this.require(id);
    return [...stored.earlier, stored.object];
  }

  /** One version of the agent, or 404 naming the agent and the version. */
  version(id: string, version: number): Agent {
    const found = this.versions(id)[version - 1];
    if (!found) throw agentVersionNotFound(id, version);
    return found;
  }
}

/** 404 for a version an agent does not have (yet). */
function agentVersionNotFound(id: string, version: number): ApiError {
  return new ApiError(404, "not_found_error", `Agent '${id}' version ${version} was not found.`);
}
