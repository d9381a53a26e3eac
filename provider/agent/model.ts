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
import { containsUnknown } from "../dynamic/unknown";

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

const flag = () => z.boolean({ error: "must be true or false" }).optional();

/** Whether a tool call runs at once or waits for a person's approval. */
const permissionPolicySchema = strictObject(
  { type: z.enum(["always_allow", "always_ask"], { error: 'must be "always_allow" or "always_ask"' }) },
  'must be { type: "always_allow" } or { type: "always_ask" }',
);

const domainList = () =>
  z
    .array(nonEmpty('a host name such as "docs.example.com"'), { error: "must be a list of host names" })
    .min(1, { error: "must not be empty: leave it out instead" })
    .max(64, { error: "must have at most 64 entries" })
    .optional();

/** The built-in tools a toolset's `configs` may name, as the API spells them there. */
const BUILT_IN_TOOLS = ["bash", "edit", "read", "write", "glob", "grep", "web_fetch", "web_search"] as const;

/** The fields of one entry of a tool set's `configs`: one tool's settings. */
export const toolConfigShape = {
  /** The tool: for the built-in tool set one of `bash`, `edit`, `read`, `write`, `glob`, `grep`, `web_fetch`, `web_search`; for an MCP tool set the MCP tool's name. */
  name: nonEmpty("a tool name string").max(128, { error: "must be at most 128 characters" }),
  /** Whether the agent may use the tool; overrides the tool set's `defaultConfig`. */
  enabled: flag(),
  /** `{ type: "always_allow" }` or `{ type: "always_ask" }`. */
  permissionPolicy: permissionPolicySchema.optional(),
  /** `web_fetch` and `web_search`: the only hosts the tool may reach (not with `blockedDomains`). */
  allowedDomains: domainList(),
  /** `web_fetch` and `web_search`: hosts the tool may not reach (not with `allowedDomains`). */
  blockedDomains: domainList(),
  /** `web_fetch`: the most tokens of fetched text one call returns. */
  maxContentTokens: z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .positive({ error: "must be positive" })
    .optional(),
  /** `web_search`: where searches are made from, `{ type?: "approximate", city?, country?, region?, timezone? }`. */
  userLocation: strictObject(
    {
      type: z.literal("approximate", { error: 'must be "approximate"' }).optional(),
      city: z.string({ error: "must be a string" }).optional(),
      country: z
        .string({ error: "must be a string" })
        .regex(/^[A-Z]{2}$/, { error: 'must be a two-letter country code such as "DE"' })
        .optional(),
      region: z.string({ error: "must be a string" }).optional(),
      timezone: z.string({ error: "must be a string" }).optional(),
    },
    "must be an object { type?, city?, country?, region?, timezone? }",
  ).optional(),
};

/** The fields of a tool set's `defaultConfig`: what applies to each tool `configs` does not name. */
export const defaultConfigShape = {
  /** Whether the tools are available by default (true when left out). */
  enabled: flag(),
  /** `{ type: "always_allow" }` or `{ type: "always_ask" }`. */
  permissionPolicy: permissionPolicySchema.optional(),
};

/** The tool types the API has. */
const TOOL_TYPES = ["agent_toolset_20260401", "mcp_toolset", "custom"] as const;

/** The fields of one entry of `tools`. */
export const toolShape = {
  /** `"agent_toolset_20260401"` (built-in tools), `"mcp_toolset"` (an MCP server's tools) or `"custom"` (a tool your client runs). */
  type: nonEmpty('a tool type string such as "agent_toolset_20260401"'),
  /** Built-in tool set: the tools the agent may use, e.g. `["Bash", "Read"]`; all of them when left out. Case does not matter. */
  enabledTools: uniqueNames("tool name").optional(),
  /** For `"mcp_toolset"`: the `name` of the entry of `mcpServers` whose tools these are. */
  mcpServerName: nonEmpty("an MCP server name string").optional(),
  /** Built-in tool set: tools the agent may not use. */
  disallowedTools: uniqueNames("tool name").optional(),
  /** Built-in and MCP tool sets: per-tool settings, `[{ name, enabled?, permissionPolicy?, … }]`. */
  configs: z
    .array(strictObject(toolConfigShape, "must be an object { name, enabled?, permissionPolicy?, … }"), {
      error: "must be a list of tool settings",
    })
    .optional(),
  /** Built-in and MCP tool sets: settings for every tool `configs` does not name, `{ enabled?, permissionPolicy? }`. */
  defaultConfig: strictObject(defaultConfigShape, "must be an object { enabled?, permissionPolicy? }").optional(),
  /** For `"custom"`: the tool's name, 1–128 letters, digits, `_` or `-`. */
  name: z
    .string({ error: "must be a string" })
    .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: "must be 1–128 letters, digits, _ or -" })
    .optional(),
  /** For `"custom"`: what the tool does, shown to the agent. */
  description: z.string({ error: "must be a string" }).optional(),
  /** For `"custom"`: the JSON Schema of the tool's input, sent exactly as written. */
  inputSchema: z.record(z.string(), z.unknown(), { error: "must be a JSON Schema object" }).optional(),
};

/** Which fields each tool type takes; `type` aside, any other field is refused at its path. */
const TOOL_FIELDS: Record<(typeof TOOL_TYPES)[number], { required: string[]; optional: string[] }> = {
  agent_toolset_20260401: { required: [], optional: ["enabledTools", "disallowedTools", "configs", "defaultConfig"] },
  mcp_toolset: { required: ["mcpServerName"], optional: ["configs", "defaultConfig"] },
  custom: { required: ["name", "description", "inputSchema"], optional: [] },
};

/** Settings that apply to one built-in tool only (`web_fetch`, `web_search`). */
const TOOL_ONLY: Record<string, readonly string[]> = {
  allowedDomains: ["web_fetch", "web_search"],
  blockedDomains: ["web_fetch", "web_search"],
  maxContentTokens: ["web_fetch"],
  userLocation: ["web_search"],
};

/** Each field belongs to the tool's type; each tool setting to the tool it configures. */
function checkTool(tool: z.output<z.ZodObject<typeof toolShape>>, ctx: z.RefinementCtx): void {
  const values = tool as Record<string, unknown>;
  if (!(TOOL_TYPES as readonly string[]).includes(tool.type)) {
    if (containsUnknown(tool.type)) return;
    ctx.addIssue({ code: "custom", path: ["type"], message: `must be ${TOOL_TYPES.map((t) => `"${t}"`).join(", ")}` });
    return;
  }
  const fields = TOOL_FIELDS[tool.type as (typeof TOOL_TYPES)[number]];
  for (const name of fields.required) {
    if (values[name] === undefined) {
      const why = name === "mcpServerName" ? "name an entry of mcpServers" : "custom tools need a name, a description and an input schema";
      ctx.addIssue({ code: "custom", path: [name], message: `is required for "${tool.type}": ${why}` });
    }
  }
  for (const name of Object.keys(toolShape)) {
    if (name === "type" || values[name] === undefined || fields.required.includes(name) || fields.optional.includes(name)) continue;
    const owners = TOOL_TYPES.filter((type) => [...TOOL_FIELDS[type].required, ...TOOL_FIELDS[type].optional].includes(name));
    ctx.addIssue({ code: "custom", path: [name], message: `applies only to type ${owners.map((t) => `"${t}"`).join(" or ")}` });
  }
  (tool.configs ?? []).forEach((config, index) => {
    if (containsUnknown(config)) return;
    const builtIn = tool.type === "agent_toolset_20260401";
    if (builtIn && !(BUILT_IN_TOOLS as readonly string[]).includes(config.name)) {
      ctx.addIssue({ code: "custom", path: ["configs", index, "name"], message: `must be one of ${BUILT_IN_TOOLS.join(", ")}` });
    }
    for (const [setting, tools] of Object.entries(TOOL_ONLY)) {
      if ((config as Record<string, unknown>)[setting] !== undefined && !(builtIn && tools.includes(config.name))) {
        ctx.addIssue({
          code: "custom",
          path: ["configs", index, setting],
          message: `applies only to the built-in ${tools.join(" and ")} tool`,
        });
      }
    }
    if (config.allowedDomains && config.blockedDomains) {
      ctx.addIssue({ code: "custom", path: ["configs", index, "blockedDomains"], message: "cannot be given together with allowedDomains" });
    }
  });
}

const toolSchema = strictObject(toolShape, "must be an object { type, … }").superRefine(checkTool);

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
  .max(20, { error: "must have at most 20 MCP servers" })
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
  /**
   * Tool sets and custom tools, e.g. `[{ type: "agent_toolset_20260401", enabledTools: ["Bash", "Read"] }]`;
   * at most 128. Sent whole when changed; a custom tool's `inputSchema` is sent exactly as written.
   */
  tools: property(z.array(toolSchema, { error: "must be a list of tools" }).max(128, { error: "must have at most 128 tools" }).optional(), {
    change: "update",
    wire: "tools",
    verbatim: ["inputSchema"],
  }),
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
