import { ObjectApi } from "../api/objects";
import { type AgentWire, agentWire } from "../api/wire";
import { ObjectProvider } from "../dynamic/object-provider";
import { rulesOf } from "../dynamic/properties";
import { QoderApiError } from "../errors";
import { AGENT_OUTPUT_NAMES, type AgentInputs, type AgentState, agentProperties, agentSchema } from "./model";
import { agentAsDeclared } from "./read-back";
import { missingVersion, versionConflict } from "./version-conflict";

type Values = Record<string, unknown>;

/**
 * The dynamic provider of `Agent`: `/agents`, every change in place as a new version, updates
 * guarded by the version in state, destroy by archive (the API cannot delete an agent).
 */
export class AgentProvider extends ObjectProvider<AgentInputs, AgentState, AgentWire> {
  protected readonly what = "Agent";
  protected readonly schema = agentSchema;
  protected readonly rules = rulesOf(agentProperties);
  protected override readonly outputNames = AGENT_OUTPUT_NAMES;

  protected collection(): ObjectApi<AgentWire> {
    return new ObjectApi(this.api(), "/agents", agentWire);
  }

  protected override outputsOf(agent: AgentWire): Values {
    return { version: agent.version };
  }

  protected override asDeclared(agent: AgentWire, inputs: Values): AgentWire {
    return agentAsDeclared(agent, inputs);
  }

  /**
   * `POST /agents/{id}` with the changes and the version the provider last saw, so a change made
   * outside Pulumi since is never overwritten: the API refuses the update with 409, and the error
   * names both versions and says to refresh. One case is no conflict: the agent the API holds one
   * version later already is what the program asks for, as when a run was killed after its update
   * but before the stack's state recorded it; that version is taken as the update's result.
   */
  protected override async send(id: string, patch: Values, current: Values, wanted: Values): Promise<AgentWire> {
    const version = current.version;
    if (typeof version !== "number") throw missingVersion(id);
    try {
      return await this.collection().update(id, { ...patch, version });
    } catch (error) {
      if (!(error instanceof QoderApiError) || error.status !== 409) throw error;
      const held = await this.collection().get(id);
      if (held && !held.archived_at && held.version === version + 1 && this.holds(held, wanted)) return held;
      throw versionConflict(id, version, held) ?? error;
    }
  }

  /** `POST /agents/{id}/archive`; an agent already gone is fine. */
  override async delete(id: string, _props: AgentState): Promise<void> {
    await this.collection().archive(id);
  }
}
