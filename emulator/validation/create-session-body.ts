import { invalidRequest, missingField } from "../api-error";
import type { AgentReference, CreateSessionParams } from "../domain/session-params";
import {
  isJsonObject,
  type JsonObject,
  optionalIdList,
  optionalString,
  rejectUnknownFields,
  requireBodyObject,
  requiredString,
} from "./json-fields";
import { parseMetadata } from "./metadata";
import { parseResourceEntries } from "./resource-entries";
import { checkInitialEvents, parseEnvironmentVariables, parseSessionBudget } from "./session-options";

const CREATE_FIELDS = [
  "agent",
  "environment_id",
  "title",
  "metadata",
  "resources",
  "vault_ids",
  "memory_store_ids",
  "environment_variables",
  "budget",
  "initial_events",
];
/** What `agent_with_overrides` may override for the one session. */
const AGENT_OVERRIDES = ["model", "system", "tools", "mcp_servers", "skills", "multiagent"];

/**
 * Validates a `POST /sessions` body and applies the documented defaults. `budget` is kept and
 * answered; `initial_events` is checked and dropped (the emulator runs no turns).
 */
export function parseCreateSessionBody(body: unknown): CreateSessionParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, CREATE_FIELDS);
  if (object.initial_events !== undefined && object.initial_events !== null) checkInitialEvents(object.initial_events);
  const environmentId = requiredString(object, "environment_id");
  if (!environmentId.startsWith("env_")) {
    throw invalidRequest("Field 'environment_id' must be an environment id starting with 'env_'.", "environment_id");
  }
  return {
    agent: parseAgentReference(object.agent),
    environment_id: environmentId,
    title: optionalString(object, "title") ?? "",
    metadata: parseMetadata(object.metadata),
    // The older `memory_store_ids` is still accepted and becomes `memory_store` entries (docs/api-contract.md#sessions).
    resources: parseResourceEntries(object.resources, optionalIdList(object, "memory_store_ids", "memstore_")),
    vault_ids: optionalIdList(object, "vault_ids", "vault_"),
    environment_variables: parseEnvironmentVariables(object.environment_variables),
    ...(object.budget === undefined || object.budget === null ? {} : { budget: parseSessionBudget(object.budget) }),
  };
}

/**
 * `agent` is `"agent_…"` (latest version), `{type: "agent", id, version?}` (0 or absent = latest),
 * or `{type: "agent_with_overrides", id, version?, …overrides}`, bound as the `agent` form: the
 * overrides are accepted but not applied to the snapshot.
 */
function parseAgentReference(value: unknown): AgentReference {
  if (value === undefined) throw missingField("agent");
  if (typeof value === "string") return { id: checkAgentId(value, "agent") };
  if (!isJsonObject(value)) {
    throw invalidRequest("Field 'agent' must be an agent id or an object {type: 'agent', id, version}.", "agent");
  }
  if (value.type !== undefined && value.type !== "agent" && value.type !== "agent_with_overrides") {
    throw invalidRequest("Field 'agent.type' must be 'agent' or 'agent_with_overrides'.", "agent.type");
  }
  rejectUnknownFields(value, ["type", "id", "version", ...(value.type === "agent_with_overrides" ? AGENT_OVERRIDES : [])], "agent");
  const id = checkAgentId(requiredString(value, "id", "agent"), "agent.id");
  return { id, version: parseAgentVersion(value) };
}

function checkAgentId(id: string, param: string): string {
  if (!id.startsWith("agent_") || id.length === "agent_".length) {
    throw invalidRequest(`Field '${param}' must be an agent id starting with 'agent_'.`, param);
  }
  return id;
}

function parseAgentVersion(agent: JsonObject): number | undefined {
  const version = agent.version;
  if (version === undefined || version === null) return undefined;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw invalidRequest("Field 'agent.version' must be a non-negative integer.", "agent.version");
  }
  return version;
}
