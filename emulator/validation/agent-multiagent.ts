import { invalidRequest } from "../api-error";
import type { Multiagent } from "../domain/agent-wire-types";
import { parseAgentModel } from "./agent-model";
import { expectObject, expectOneOf, type JsonObject, paramPath, rejectUnknownFields, requiredNonEmptyString } from "./json-fields";

/** Most members a coordinator's roster may have. */
const MAX_MEMBERS = 20;
const MEMBER_TYPES = ["agent", "self", "advisor"] as const;

/**
 * Validates `multiagent`: `{type: "coordinator", agents}`, 1 to 20 members, each an agent id,
 * `{type: "agent", id, version?}`, `{type: "self"}` or `{type: "advisor", model}`; at most one
 * `self`, one advisor, and no agent twice. Answered as given. Whether the agents named exist is not
 * checked.
 */
export function parseMultiagent(value: unknown): Multiagent {
  const multiagent = expectObject(value, "multiagent");
  rejectUnknownFields(multiagent, ["type", "agents"], "multiagent");
  expectOneOf(multiagent.type, ["coordinator"] as const, "multiagent.type");
  const members = multiagent.agents;
  if (!Array.isArray(members) || members.length < 1 || members.length > MAX_MEMBERS) {
    throw invalidRequest(`Field 'multiagent.agents' must be an array of 1 to ${MAX_MEMBERS} members.`, "multiagent.agents");
  }
  const seen = new Set<string>();
  members.forEach((member, index) => {
    const key = memberKey(member, `multiagent.agents[${index}]`);
    if (seen.has(key)) throw invalidRequest(`Field 'multiagent.agents' names ${key} twice.`, `multiagent.agents[${index}]`);
    seen.add(key);
  });
  return structuredClone(multiagent as unknown as Multiagent);
}

/** What a member stands for, to find one named twice: an agent id, `self` or `advisor`. */
function memberKey(member: unknown, param: string): string {
  if (typeof member === "string") {
    if (member.length === 0) throw invalidRequest(`Field '${param}' must not be empty.`, param);
    return `agent '${member}'`;
  }
  const entry: JsonObject = expectObject(member, param);
  const type = expectOneOf(entry.type, MEMBER_TYPES, paramPath(param, "type"));
  if (type === "self") {
    rejectUnknownFields(entry, ["type"], param);
    return "self";
  }
  if (type === "advisor") {
    rejectUnknownFields(entry, ["type", "model"], param);
    if (entry.model === undefined) throw invalidRequest(`Field '${param}.model' is required.`, paramPath(param, "model"));
    parseAgentModel(entry.model, paramPath(param, "model"));
    return "an advisor";
  }
  rejectUnknownFields(entry, ["type", "id", "version"], param);
  const version = entry.version;
  if (version !== undefined && version !== null && !(typeof version === "number" && Number.isInteger(version) && version >= 1)) {
    throw invalidRequest(`Field '${param}.version' must be a positive integer.`, paramPath(param, "version"));
  }
  return `agent '${requiredNonEmptyString(entry, "id", param)}'`;
}
