/**
 * An agent as the API reports it, cut down to what the inputs declare, so a refresh records
 * changes made outside Pulumi and nothing else. The API answers with values normalised or resolved
 * (docs/api-contract.md#agents): a model object as its bare id, an effort as `{ type }`, tool names
 * in its own case, a tool set's full tool list, per-tool `configs` and `default_config` when none
 * were declared, the version a skill declared without one resolved to. Compared as they are, they
 * would read as drift on every refresh, and the next `up` would make a new agent version. Pure.
 */
import type { AgentWire } from "../api/wire";
import { snake } from "../dynamic/object-planner";
import {
  defaultConfigShape,
  mcpServerShape,
  modelObjectShape,
  type SkillInput,
  skillShape,
  type ToolInput,
  toolConfigShape,
} from "./model";

type Values = Record<string, unknown>;

const isObject = (value: unknown): value is Values => value !== null && typeof value === "object" && !Array.isArray(value);

/** The value with only the wire fields named (camelCase). */
function pickFields(value: unknown, fields: readonly string[]): unknown {
  if (!isObject(value)) return value;
  const wire = fields.map(snake);
  return Object.fromEntries(Object.entries(value).filter(([key]) => wire.includes(key)));
}

/** The value with only the wire fields of `shape`. */
const pick = (value: unknown, shape: object) => pickFields(value, Object.keys(shape));

/** The value with only the wire fields `declared` has (all of `shape`'s when nothing is declared). */
const pickDeclared = (value: unknown, declared: unknown, shape: object) =>
  pickFields(value, isObject(declared) ? Object.keys(declared) : Object.keys(shape));

/** An effort as the inputs spell it: the API may answer `"high"` as `{ type: "high" }`. */
const effortLevel = (effort: unknown) => (isObject(effort) && typeof effort.type === "string" ? effort.type : effort);

/**
 * The model in the form the inputs declare it. An id declared alone compares with the id the API
 * reports. Settings declared compare with those the API reports; an answer that is a bare id says
 * nothing of them, so they are taken as declared when the id is the same.
 */
function declaredModel(remote: unknown, declared: unknown): unknown {
  const remoteId = isObject(remote) ? remote.id : remote;
  if (typeof declared === "string") return typeof remoteId === "string" ? remoteId : remote;
  if (typeof remote === "string") return isObject(declared) && declared.id === remote ? declared : { id: remote };
  if (!isObject(remote)) return remote;
  const model = pickDeclared(remote, declared, modelObjectShape) as Values;
  return model.effort === undefined ? model : { ...model, effort: effortLevel(model.effort) };
}

/** A tool's name compared without case and underscores: `bash`, `Bash`, `web_fetch` and `WebFetch` are one. */
const toolKey = (name: unknown) => (typeof name === "string" ? name.replace(/_/g, "").toLowerCase() : name);

/** Tool names in the declared spelling where the API reports the same tool in another; undefined when none are declared. */
function declaredNames(remote: unknown, declared: readonly string[] | undefined): unknown {
  if (declared === undefined) return undefined;
  if (!Array.isArray(remote)) return remote;
  const spelling = new Map(declared.map((name) => [toolKey(name), name]));
  return remote.map((name) => spelling.get(toolKey(name)) ?? name);
}

/** Per-tool settings: only those declared, matched by tool name, each with the fields declared. */
function declaredConfigs(remote: unknown, declared: ToolInput["configs"]): unknown {
  if (declared === undefined) return undefined;
  if (!Array.isArray(remote)) return remote;
  const byName = new Map(declared.map((config) => [toolKey(config.name), config]));
  return remote.flatMap((config) => {
    const own = isObject(config) ? byName.get(toolKey(config.name)) : undefined;
    if (!own) return [];
    return [{ ...(pickDeclared(config, own, toolConfigShape) as Values), name: own.name }];
  });
}

/** One tool as declared: resolved lists and settings the inputs leave out are dropped, names in their declared case. */
function declaredTool(remote: unknown, declared: ToolInput | undefined): unknown {
  if (!isObject(remote)) return remote;
  if (remote.type === "custom") {
    const tool = pickFields(remote, ["type", "name", "description", "inputSchema"]) as Values;
    const schema = tool.input_schema;
    const declaredSchema = declared?.inputSchema;
    // A schema without `type` is an object schema: the API may fill the type in.
    if (isObject(schema) && schema.type === "object" && declaredSchema && !("type" in declaredSchema)) {
      const { type: _filled, ...rest } = schema;
      return { ...tool, input_schema: rest };
    }
    return tool;
  }
  const mine = declared?.type === remote.type ? declared : undefined;
  const tool: Values = { type: remote.type };
  if (remote.mcp_server_name !== undefined) tool.mcp_server_name = remote.mcp_server_name;
  const lists: [string, unknown][] = [
    ["enabled_tools", declaredNames(remote.enabled_tools, mine?.enabledTools)],
    ["disallowed_tools", declaredNames(remote.disallowed_tools, mine?.disallowedTools)],
    ["configs", declaredConfigs(remote.configs, mine?.configs)],
    [
      "default_config",
      mine?.defaultConfig === undefined ? undefined : pickDeclared(remote.default_config, mine.defaultConfig, defaultConfigShape),
    ],
  ];
  for (const [key, value] of lists) if (value !== undefined) tool[key] = value;
  return tool;
}

/** Skills as declared: the version the API resolved for a skill declared without one is dropped, a pinned one the API leaves out is taken as declared. */
function declaredSkills(remote: unknown, declared: SkillInput[] | undefined): unknown {
  if (!Array.isArray(remote)) return remote;
  const byId = new Map((declared ?? []).map((skill) => [skill.skillId, skill]));
  return remote.map((item) => {
    const skill = pick(item, skillShape);
    if (!isObject(skill)) return skill;
    const own = byId.get(String(skill.skill_id));
    if (own?.version === undefined) {
      const { version: _resolved, ...rest } = skill;
      return own ? rest : skill;
    }
    return skill.version === undefined || skill.version === null ? { ...skill, version: own.version } : skill;
  });
}

/** The agent with its nested values cut down to what `inputs` declare (see above). */
export function agentAsDeclared(agent: AgentWire, inputs: Values): AgentWire {
  const tools = inputs.tools as ToolInput[] | undefined;
  return {
    ...agent,
    model: declaredModel(agent.model, inputs.model),
    tools: Array.isArray(agent.tools) ? agent.tools.map((tool, index) => declaredTool(tool, tools?.[index])) : agent.tools,
    mcp_servers: Array.isArray(agent.mcp_servers) ? agent.mcp_servers.map((server) => pick(server, mcpServerShape)) : agent.mcp_servers,
    skills: declaredSkills(agent.skills, inputs.skills as SkillInput[] | undefined),
  };
}
