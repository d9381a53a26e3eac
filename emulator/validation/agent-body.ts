import { invalidRequest, missingField } from "../api-error";
import type { AgentParams, AgentPatch } from "../domain/agent-store";
import type { AgentModel, AgentTool } from "../domain/object-wire-types";
import { isJsonObject, type JsonObject, rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";
import { nullableString, requiredName, updatedMetadata, updatedName, updatedNullableString } from "./object-fields";

const FIELDS = ["name", "model", "system", "description", "tools", "mcp_servers", "skills", "metadata"];
/** Agent `name` length (API notes §2.6: 1–256). */
const MAX_NAME_LENGTH = 256;
/** Most skills an agent may have (API notes §2.6). */
const MAX_SKILLS = 20;

/** Validates a `POST /agents` body: `name` and `model` required; absent optionals become null or []. */
export function parseCreateAgentBody(body: unknown): AgentParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, FIELDS);
  return {
    name: requiredName(object, "name", MAX_NAME_LENGTH),
    model: requiredModel(object.model),
    system: nullableString(object, "system"),
    description: nullableString(object, "description"),
    tools: parseTools(object.tools) ?? [],
    mcp_servers: parseObjects(object, "mcp_servers") ?? [],
    skills: parseSkills(object) ?? [],
    metadata: parseMetadata(object.metadata),
  };
}

/**
 * Validates a `POST /agents/{id}` body: a patch plus an optional `version` precondition. `name`
 * and `model` cannot be cleared; `system` and `description` are cleared with `null`; an array
 * replaces the agent's whole array (`null` empties it); `metadata` merges.
 */
export function parseUpdateAgentBody(body: unknown): AgentPatch {
  const object = requireBodyObject(body, true);
  rejectUnknownFields(object, [...FIELDS, "version"]);
  if (object.model === null) throw invalidRequest("Field 'model' cannot be cleared.", "model");
  return {
    version: parseVersion(object.version),
    name: updatedName(object, "name", MAX_NAME_LENGTH),
    model: object.model === undefined ? undefined : parseModel(object.model),
    system: updatedNullableString(object, "system"),
    description: updatedNullableString(object, "description"),
    tools: object.tools === null ? [] : parseTools(object.tools),
    mcp_servers: object.mcp_servers === null ? [] : parseObjects(object, "mcp_servers"),
    skills: object.skills === null ? [] : parseSkills(object),
    metadata: updatedMetadata(object),
  };
}

function requiredModel(value: unknown): AgentModel {
  if (value === undefined || value === null) throw missingField("model");
  return parseModel(value);
}

/** `model`: a non-empty string, or an object whose `id` is one; answered as given. */
function parseModel(value: unknown): AgentModel {
  if (typeof value === "string" && value.length > 0) return value;
  if (isJsonObject(value) && typeof value.id === "string" && value.id.length > 0) return value as AgentModel;
  if (isJsonObject(value)) throw invalidRequest("Field 'model.id' must be a non-empty string.", "model.id");
  throw invalidRequest("Field 'model' must be a model name or an object with an 'id'.", "model");
}

/** `tools`: objects that each have a string `type`. */
function parseTools(value: unknown): AgentTool[] | undefined {
  const tools = parseObjects({ tools: value }, "tools");
  tools?.forEach((tool, index) => {
    if (typeof tool.type !== "string" || tool.type.length === 0) {
      throw invalidRequest(`Field 'tools[${index}].type' must be a non-empty string.`, `tools[${index}].type`);
    }
  });
  return tools as AgentTool[] | undefined;
}

/** `skills`: at most 20 objects. */
function parseSkills(object: JsonObject): Record<string, unknown>[] | undefined {
  const skills = parseObjects(object, "skills");
  if (skills && skills.length > MAX_SKILLS) throw invalidRequest(`An agent has at most ${MAX_SKILLS} skills.`, "skills");
  return skills;
}

/** An optional array of objects; absent or `null` → `undefined`. */
function parseObjects(object: JsonObject, key: string): Record<string, unknown>[] | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidRequest(`Field '${key}' must be an array of objects.`, key);
  value.forEach((item, index) => {
    if (!isJsonObject(item)) throw invalidRequest(`Field '${key}[${index}]' must be an object.`, `${key}[${index}]`);
  });
  return value as Record<string, unknown>[];
}

/** The update's precondition: a positive integer, or absent for an unconditional update. */
function parseVersion(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw invalidRequest("Field 'version' must be a positive integer.", "version");
  }
  return value;
}
