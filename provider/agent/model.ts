/**
 * The one declaration of an agent's properties (docs/api-contract.md#agents): type, validation and
 * what a change does. Every property updates in place; each update makes a new version of the agent.
 *
 * Tools, MCP servers, skills and the model object accept only the fields declared here. Nested
 * inputs are sent with their keys converted to snake_case, which would mangle free-form objects
 * (a custom tool's JSON schema, say), and a refresh compares only declared fields with what the
 * API reports (read-back.ts): a field the provider does not know could neither be sent faithfully
 * nor be told apart from the defaults the API fills in. An unknown field is therefore refused at
 * preview, naming it, rather than sent and lost.
 */
import { z } from "zod";
import { LIMITS } from "../api/limits";
import { canonicalJson, property, strictObject } from "../dynamic/properties";
import { mcpServerUrlSchema, metadataProperty, nameSchema } from "../dynamic/schemas";

const nonEmpty = (what: string) => z.string({ error: `must be ${what}` }).min(1, { error: "must not be empty" });

/** A list of non-empty strings, each listed once. */
function uniqueNames(what: string) {
  return z
    .array(nonEmpty(what), { error: `must be a list of ${what}s` })
    .refine((list) => new Set(list).size === list.length, { error: "must not list the same name twice" });
}

/** The model object's fields (docs/api-contract.md#agents); the SDK lists these levels and speeds. */
export const modelObjectShape = {
  /** The model, e.g. `"ultimate"`. */
  id: nonEmpty('a model id string such as "ultimate"'),
  /** How hard the model works on each turn. */
  effort: z.enum(["low", "medium", "high", "xhigh", "max"], { error: 'must be "low", "medium", "high", "xhigh" or "max"' }).optional(),
  /** Inference speed. */
  speed: z.enum(["standard", "fast"], { error: 'must be "standard" or "fast"' }).optional(),
};

const modelObjectSchema = strictObject(modelObjectShape, 'must be { id: "<model>", effort?, speed? }');

const modelSchema = z.union([nonEmpty("a model id string"), modelObjectSchema], {
  error: 'must be a model id such as "ultimate", or { id: "ultimate", effort?, speed? }',
});

/** The model an agent runs: an id, or an id with settings. */
export type ModelInput = z.output<typeof modelSchema>;

/** The model as an object: a bare id is `{ id }`. */
function modelObject(model: ModelInput): z.output<typeof modelObjectSchema> {
  return typeof model === "string" ? { id: model } : model;
}

/** `"ultimate"` and `{ id: "ultimate" }` declare the same model. */
function sameModel(a: ModelInput | undefined, b: ModelInput | undefined): boolean {
  return canonicalJson(a === undefined ? null : modelObject(a)) === canonicalJson(b === undefined ? null : modelObject(b));
}

/** The fields of one entry of `tools`. */
export const toolShape = {
  /** The tool set, e.g. `"agent_toolset_20260401"` (built-in tools) or `"mcp_toolset"` (an MCP server's tools). */
  type: nonEmpty('a tool type string such as "agent_toolset_20260401"'),
  /** The tools of the set the agent may use, e.g. `["bash", "read"]`; all of them when left out. */
  enabledTools: uniqueNames("tool name").optional(),
  /** For `"mcp_toolset"`: the `name` of the entry of `mcpServers` whose tools these are. */
  mcpServerName: nonEmpty("an MCP server name string").optional(),
};

const toolSchema = strictObject(toolShape, "must be an object { type, enabledTools?, mcpServerName? }").superRefine((tool, ctx) => {
  if (tool.type === "mcp_toolset" && tool.mcpServerName === undefined) {
    ctx.addIssue({ code: "custom", path: ["mcpServerName"], message: 'is required for "mcp_toolset": name an entry of mcpServers' });
  }
  if (tool.type !== "mcp_toolset" && tool.mcpServerName !== undefined) {
    ctx.addIssue({ code: "custom", path: ["mcpServerName"], message: 'applies only to type "mcp_toolset"' });
  }
});

/** One entry of `tools`. */
export type ToolInput = z.output<typeof toolSchema>;

/** The fields of one entry of `mcpServers` (the only kind the API documents is `type: "url"`). */
export const mcpServerShape = {
  /** Always `"url"`: a server reached over HTTP. */
  type: z.literal("url", { error: 'must be "url"' }),
  /** Unique among the agent's servers; `mcp_toolset` tools refer to it. 1–255 characters. */
  name: nonEmpty("a server name string").max(LIMITS.nameMaxLength, { error: `must be at most ${LIMITS.nameMaxLength} characters` }),
  /** The server's endpoint. */
  url: mcpServerUrlSchema({ allowHttp: true }),
};

const mcpServersSchema = z
  .array(strictObject(mcpServerShape, 'must be an object { type: "url", name, url }'), { error: "must be a list of MCP servers" })
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((server, index) => {
      const first = seen.get(server.name);
      if (first === undefined) seen.set(server.name, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `"${server.name}" is also mcpServers[${first}].name; names must be unique`,
        });
    });
  });

/** One entry of `mcpServers`. */
export type McpServerInput = z.output<typeof mcpServersSchema>[number];

/** The fields of one entry of `skills`. */
export const skillShape = {
  /** `"custom"` (a skill of your organisation, `skill_…`) or `"qoder"` (one Qoder provides, e.g. `"xlsx"`). */
  type: z.enum(["custom", "qoder"], { error: 'must be "custom" or "qoder"' }),
  /** The skill's id. */
  skillId: nonEmpty("a skill id string"),
  /** The version to pin, e.g. `"3"`; the latest when left out. */
  version: nonEmpty('a version string such as "3"').optional(),
};

const skillsSchema = z
  .array(strictObject(skillShape, 'must be an object { type: "custom", skillId, version? }'), { error: "must be a list of skills" })
  .max(LIMITS.agentSkillsMax, { error: `must have at most ${LIMITS.agentSkillsMax} skills` })
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((skill, index) => {
      const first = seen.get(skill.skillId);
      if (first === undefined) seen.set(skill.skillId, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index, "skillId"],
          message: `"${skill.skillId}" is also skills[${first}]; list a skill once`,
        });
    });
  });

/** One entry of `skills`. */
export type SkillInput = z.output<typeof skillsSchema>[number];

const optionalText = () => z.string({ error: "must be a string" }).optional();

const agentShape = {
  /** Shown in the Qoder console; 1–256 characters. */
  name: property(nameSchema(LIMITS.agentNameMaxLength), { change: "update", wire: "name" }),
  /** `"ultimate"`, or `{ id: "ultimate", effort?: "high", speed?: "fast" }`. */
  model: property(modelSchema, { change: "update", wire: "model", same: sameModel }),
  /** The system prompt. */
  system: property(optionalText(), { change: "update", wire: "system" }),
  /** What the agent is for. */
  description: property(optionalText(), { change: "update", wire: "description" }),
  /** Tool sets, e.g. `[{ type: "agent_toolset_20260401", enabledTools: ["bash", "read"] }]`; sent whole when changed. */
  tools: property(z.array(toolSchema, { error: "must be a list of tools" }).optional(), { change: "update", wire: "tools" }),
  /** MCP servers, `[{ type: "url", name, url }]`; sent whole when changed. */
  mcpServers: property(mcpServersSchema.optional(), { change: "update", wire: "mcp_servers", label: "MCP servers" }),
  /** At most 20 skills, `[{ type: "custom", skillId: "skill_…", version? }]`; sent whole when changed. */
  skills: property(skillsSchema.optional(), { change: "update", wire: "skills" }),
  /** String keys (1–64 characters) to string values (at most 512). Updated as a merge patch. */
  metadata: metadataProperty(),
};

/** Every `mcp_toolset` names a declared MCP server. */
function checkToolServers(agent: { tools?: ToolInput[]; mcpServers?: McpServerInput[] }, ctx: z.RefinementCtx): void {
  const names = new Set((agent.mcpServers ?? []).map((server) => server.name));
  (agent.tools ?? []).forEach((tool, index) => {
    if (tool.mcpServerName !== undefined && !names.has(tool.mcpServerName)) {
      ctx.addIssue({
        code: "custom",
        path: ["tools", index, "mcpServerName"],
        message: `"${tool.mcpServerName}" names no entry of mcpServers${names.size ? ` (declared: ${[...names].join(", ")})` : ""}`,
      });
    }
  });
}

/** The schema `check` validates an agent's inputs with. */
export const agentSchema = strictObject(agentShape, "must be an object of Agent inputs").superRefine(checkToolServers);

/** The agent's properties, with their rules. */
export const agentProperties = agentShape;

/** An agent's inputs once the engine has resolved every `Input`. */
export type AgentInputs = z.output<typeof agentSchema>;

/** What the API reports of an agent beyond its inputs: the version each update increments. */
export const AGENT_OUTPUT_NAMES = ["version"] as const;

/** An agent's state: its inputs and its current version (1 at create). */
export type AgentState = AgentInputs & {
  /** The agent's current version: 1 when created, one more after each update. */
  version: number;
};
