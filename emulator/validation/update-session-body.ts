import { invalidRequest } from "../api-error";
import type { SessionPatch } from "../domain/session-params";
import { isJsonObject, rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadataPatch } from "./metadata";
import { parseEnvironmentVariables, parseSessionBudget } from "./session-options";

/**
 * Fields a create accepts but an update refuses, with the reason the API gives
 * (docs/api-contract.md#what-cannot-change-on-a-live-session).
 */
const NOT_UPDATABLE: Readonly<Record<string, string>> = {
  vault_ids: "Field 'vault_ids' cannot be updated; vaults can only be set when the session is created.",
  environment_id: "Field 'environment_id' is not updatable; create a new session instead.",
  resources: "Field 'resources' is not updatable here; use the session resources endpoints.",
  memory_store_ids: "Field 'memory_store_ids' is not updatable; memory stores can only be set when the session is created.",
  delta_flush_interval_ms: "Field 'delta_flush_interval_ms' is not supported on update.",
};

/**
 * Validates a `POST /sessions/{id}` body: a patch of title, metadata, agent tools, budget (`null`
 * removes it) and environment variables. `agent: null` changes nothing.
 */
export function parseUpdateSessionBody(body: unknown): SessionPatch {
  const object = requireBodyObject(body, true);
  for (const field of Object.keys(object)) {
    const reason = NOT_UPDATABLE[field];
    if (reason) throw invalidRequest(reason, field);
  }
  rejectUnknownFields(object, ["title", "metadata", "agent", "budget", "environment_variables"]);
  const patch: SessionPatch = {};
  if (object.title !== undefined) {
    if (object.title !== null && typeof object.title !== "string") {
      throw invalidRequest("Field 'title' must be a string or null.", "title");
    }
    patch.title = object.title ?? "";
  }
  // A top-level `metadata: null` does nothing (docs/api-contract.md#sessions).
  if (object.metadata !== undefined && object.metadata !== null) patch.metadata = parseMetadataPatch(object.metadata);
  if (object.agent !== undefined && object.agent !== null) patch.agent = parseAgentToolsPatch(object.agent);
  if (object.budget === null) patch.budget = null;
  else if (object.budget !== undefined) patch.budget = parseSessionBudget(object.budget);
  if (object.environment_variables !== undefined && object.environment_variables !== null) {
    patch.environment_variables = parseEnvironmentVariables(object.environment_variables);
  }
  return patch;
}

/** Mid-session only `agent.tools` and `agent.mcp_servers` may change, each replaced whole. */
function parseAgentToolsPatch(value: unknown): NonNullable<SessionPatch["agent"]> {
  if (!isJsonObject(value)) throw invalidRequest("Field 'agent' must be an object.", "agent");
  for (const key of Object.keys(value)) {
    if (key !== "tools" && key !== "mcp_servers") {
      throw invalidRequest(
        `Field 'agent.${key}' cannot be updated; only 'agent.tools' and 'agent.mcp_servers' can change mid-session.`,
        `agent.${key}`,
      );
    }
    if (!Array.isArray(value[key])) throw invalidRequest(`Field 'agent.${key}' must be an array.`, `agent.${key}`);
  }
  return value as NonNullable<SessionPatch["agent"]>;
}
