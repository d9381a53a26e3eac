/**
 * An agent as the API reports it, cut down to what the inputs can declare, so a refresh records
 * changes made outside Pulumi and nothing else. The API answers with resolved values the inputs do
 * not spell out (a tool set's per-tool `configs` and `default_config`, the version a skill declared
 * without one resolved to, the settings of a model given by id alone); compared as they are, they
 * would read as drift on every refresh. Pure: no I/O.
 */
import type { AgentWire } from "../api/wire";
import { snake } from "../dynamic/object-planner";
import { mcpServerShape, modelObjectShape, type SkillInput, skillShape, toolShape } from "./model";

type Values = Record<string, unknown>;

const isObject = (value: unknown): value is Values => value !== null && typeof value === "object" && !Array.isArray(value);

/** The value with only the wire fields of `shape`. */
function pick(value: unknown, shape: object): unknown {
  if (!isObject(value)) return value;
  const fields = Object.keys(shape).map(snake);
  return Object.fromEntries(Object.entries(value).filter(([key]) => fields.includes(key)));
}

/** Each item of a list with only the wire fields of `shape`; anything else as it came. */
function pickEach(list: unknown, shape: object): unknown {
  return Array.isArray(list) ? list.map((item) => pick(item, shape)) : list;
}

/** The model in the form the inputs declare it: an id alone when they give one, else the declared settings. */
function declaredModel(remote: unknown, declared: unknown): unknown {
  if (!isObject(remote)) return remote;
  if (typeof declared === "string") return typeof remote.id === "string" ? remote.id : remote;
  const settings = isObject(declared) ? Object.keys(declared) : Object.keys(modelObjectShape);
  return pick(remote, Object.fromEntries(settings.map((key) => [key, true])));
}

/** Skills without the version the API resolved for a skill declared without one. */
function declaredSkills(remote: unknown, declared: SkillInput[] | undefined): unknown {
  if (!Array.isArray(remote)) return remote;
  const unpinned = new Set((declared ?? []).filter((skill) => skill.version === undefined).map((skill) => skill.skillId));
  return remote.map((item) => {
    const skill = pick(item, skillShape);
    if (!isObject(skill) || !unpinned.has(String(skill.skill_id))) return skill;
    const { version: _resolved, ...rest } = skill;
    return rest;
  });
}

/** The agent with its nested values cut down to what `inputs` declare (see above). */
export function agentAsDeclared(agent: AgentWire, inputs: Values): AgentWire {
  return {
    ...agent,
    model: declaredModel(agent.model, inputs.model),
    tools: pickEach(agent.tools, toolShape),
    mcp_servers: pickEach(agent.mcp_servers, mcpServerShape),
    skills: declaredSkills(agent.skills, inputs.skills as SkillInput[] | undefined),
  };
}
