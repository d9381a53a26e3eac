/**
 * Shapes of the agents the emulator sends, in the API's snake_case (docs/api-contract.md#agents).
 * Responses carry resolved values the request may have left out: every toolset's `configs` and
 * `default_config`, every skill's `version`, `""` for an unset `system` or `description`.
 */

/** The built-in tools of `agent_toolset_20260401`, spelled as responses spell them. */
export const BUILT_IN_TOOLS = ["Bash", "Read", "Write", "Edit", "Glob", "Grep", "WebFetch", "WebSearch"] as const;

/** One of {@link BUILT_IN_TOOLS}. */
export type BuiltInTool = (typeof BUILT_IN_TOOLS)[number];

/** Whether a tool runs without asking. */
export interface PermissionPolicy {
  type: "always_allow" | "always_ask";
}

/** The settings a toolset applies to the tools its `configs` do not name. */
export interface ToolDefaultConfig {
  enabled: boolean;
  permission_policy: PermissionPolicy;
}

/** One tool's settings in a toolset's `configs`, answered as given. */
export type ToolConfig = Record<string, unknown>;

/** The built-in tools, as a response lists them. */
export interface AgentToolset {
  type: "agent_toolset_20260401";
  /** As given, or all built-in tools but the disallowed ones. */
  enabled_tools: BuiltInTool[];
  /** Present only when given. */
  disallowed_tools?: BuiltInTool[];
  configs: ToolConfig[];
  default_config: ToolDefaultConfig;
}

/** The tools of one of the agent's MCP servers. */
export interface McpToolset {
  type: "mcp_toolset";
  mcp_server_name: string;
  configs: ToolConfig[];
  default_config: ToolDefaultConfig;
}

/** A tool the client runs; `input_schema` is answered exactly as given. */
export interface CustomTool {
  type: "custom";
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

/** An agent tool. */
export type AgentTool = AgentToolset | McpToolset | CustomTool;

/** A model effort level, in its object form. */
export interface ModelEffort {
  type: "low" | "medium" | "high" | "xhigh" | "max";
}

/** A model with options. One with nothing but `id` is answered as the bare id. */
export interface AgentModelOptions {
  id: string;
  context_window?: number;
  effort?: ModelEffort;
  inference_geo?: string;
  speed?: "standard" | "fast";
}

/** The model an agent runs: a name such as `"ultimate"`, or an object with its options. */
export type AgentModel = string | AgentModelOptions;

/** An MCP server the agent may call. */
export interface McpServer {
  type: "url";
  name: string;
  url: string;
}

/** A skill the agent has; `version` is resolved when the request left it out. */
export interface AgentSkill {
  type: "qoder" | "custom";
  skill_id: string;
  version: string;
}

/** One member of a coordinator's roster, answered as given. */
export type MultiagentMember =
  | string
  | { type: "agent"; id: string; version?: number | null }
  | { type: "self" }
  | { type: "advisor"; model: unknown };

/** Other agents this agent coordinates. */
export interface Multiagent {
  type: "coordinator";
  agents: MultiagentMember[];
}

/**
 * An agent (`agent_…`) at one version. Every update makes a new version; `GET /agents/{id}`
 * answers the latest, `?version=N` and `/versions` the earlier ones.
 */
export interface Agent {
  id: string;
  type: "agent";
  name: string;
  model: AgentModel;
  system: string;
  description: string;
  tools: AgentTool[];
  mcp_servers: McpServer[];
  skills: AgentSkill[];
  metadata: Record<string, string>;
  multiagent: Multiagent | null;
  version: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}
