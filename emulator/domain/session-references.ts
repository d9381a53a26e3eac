import type { AgentStore } from "./agent-store";
import type { EnvironmentStore } from "./environment-store";
import { DEFAULT_AGENT_NAME } from "./known-agents";
import type { MemoryStoreStore } from "./memory-store-store";
import type { AgentReference, CreateSessionParams } from "./session-params";
import type { VaultStore } from "./vault-store";
import type { AgentSnapshot } from "./wire-types";

/** The stores whose objects a new session may name. */
export interface ReferencedStores {
  agents: AgentStore;
  environments: EnvironmentStore;
  memoryStores: MemoryStoreStore;
  vaults: VaultStore;
}

/**
 * Checks the agent, environment, vaults and memory stores a new session names, and returns the
 * agent snapshot it embeds. An archived object is a 400 naming the field, a deleted one a 404. An
 * id no store ever had is accepted, as before these stores existed: tests and adopted sessions
 * name made-up ids, and a made-up agent binds at the version pinned (else 1) with a placeholder name.
 */
export function resolveSessionReferences(stores: ReferencedStores, params: CreateSessionParams): AgentSnapshot {
  stores.environments.checkReference(params.environment_id, "environment_id");
  params.vault_ids.forEach((id, index) => {
    stores.vaults.checkReference(id, `vault_ids[${index}]`);
  });
  // The older `memory_store_ids` entries come after those of `resources`; the param names the position among all of them.
  params.resources.forEach((resource, index) => {
    if (resource.type === "memory_store")
      stores.memoryStores.checkReference(resource.memory_store_id, `resources[${index}].memory_store_id`);
  });
  return agentSnapshot(stores.agents, params.agent);
}

/** The version the reference pins (0 or none: the latest), as sessions embed it; 404 past the latest. */
function agentSnapshot(agents: AgentStore, reference: AgentReference): AgentSnapshot {
  const stored = agents.checkReference(reference.id, "agent");
  if (!stored) return { id: reference.id, type: "agent", version: reference.version || 1, name: DEFAULT_AGENT_NAME };
  const agent = structuredClone(agents.version(reference.id, reference.version || stored.object.version));
  const { id, version, name, model, system, description, tools, mcp_servers, skills } = agent;
  return { id, type: "agent", version, name, model, system, description, tools, mcp_servers, skills };
}
