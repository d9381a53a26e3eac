import { invalidRequest, missingField } from "../api-error";
import type { AgentParams, AgentPatch } from "../domain/agent-store";
import type { Multiagent } from "../domain/agent-wire-types";
import { parseAgentMcpServers } from "./agent-mcp-servers";
import { parseAgentModel } from "./agent-model";
import { parseMultiagent } from "./agent-multiagent";
import { parseAgentSkills } from "./agent-skills";
import { parseAgentTools } from "./agent-tools";
import { type JsonObject, rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";
import { nullableString, requiredName, updatedMetadata, updatedName, updatedNullableString } from "./object-fields";

const FIELDS = ["name", "model", "system", "description", "tools", "mcp_servers", "skills", "metadata", "multiagent"];
/** Agent `name` length: 1–256. */
const MAX_NAME_LENGTH = 256;

/**
 * Validates a `POST /agents` body: `name` and `model` required. What responses resolve is
 * resolved here: absent `system`/`description` → `""`, absent arrays → `[]`, tools and skills
 * completed (see {@link parseAgentTools}, {@link parseAgentSkills}).
 */
export function parseCreateAgentBody(body: unknown): AgentParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, FIELDS);
  if (object.model === undefined || object.model === null) throw missingField("model");
  return {
    name: requiredName(object, "name", MAX_NAME_LENGTH),
    model: parseAgentModel(object.model),
    system: nullableString(object, "system") ?? "",
    description: nullableString(object, "description") ?? "",
    tools: given(object, "tools", parseAgentTools) ?? [],
    mcp_servers: given(object, "mcp_servers", parseAgentMcpServers) ?? [],
    skills: given(object, "skills", parseAgentSkills) ?? [],
    metadata: parseMetadata(object.metadata),
    multiagent: given(object, "multiagent", parseMultiagent) ?? null,
  };
}

/**
 * Validates a `POST /agents/{id}` body: a patch plus an optional `version` precondition. `name`
 * and `model` cannot be cleared; `system` and `description` are cleared with `null` or `""`; an
 * array replaces the agent's whole array (`null` empties it); `multiagent: null` removes the
 * roster; `metadata` merges.
 */
export function parseUpdateAgentBody(body: unknown): AgentPatch {
  const object = requireBodyObject(body, true);
  rejectUnknownFields(object, [...FIELDS, "version"]);
  if (object.model === null) throw invalidRequest("Field 'model' cannot be cleared.", "model");
  return {
    version: parseVersion(object.version),
    name: updatedName(object, "name", MAX_NAME_LENGTH),
    model: object.model === undefined ? undefined : parseAgentModel(object.model),
    system: clearedAsEmpty(updatedNullableString(object, "system")),
    description: clearedAsEmpty(updatedNullableString(object, "description")),
    tools: updated(object, "tools", parseAgentTools, []),
    mcp_servers: updated(object, "mcp_servers", parseAgentMcpServers, []),
    skills: updated(object, "skills", parseAgentSkills, []),
    metadata: updatedMetadata(object),
    multiagent: updated<Multiagent | null>(object, "multiagent", parseMultiagent, null),
  };
}

/** The member parsed when given; absent or `null` → `undefined`. */
function given<T>(object: JsonObject, key: string, parse: (value: unknown) => T): T | undefined {
  const value = object[key];
  return value === undefined || value === null ? undefined : parse(value);
}

/** An update's member: absent → `undefined` (kept), `null` → `cleared`, else parsed. */
function updated<T>(object: JsonObject, key: string, parse: (value: unknown) => T, cleared: T): T | undefined {
  return object[key] === null ? cleared : given(object, key, parse);
}

function clearedAsEmpty(value: string | null | undefined): string | undefined {
  return value === null ? "" : value;
}

/** The update's precondition: a positive integer, or absent for an unconditional update. */
function parseVersion(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw invalidRequest("Field 'version' must be a positive integer.", "version");
  }
  return value;
}
