import { invalidRequest } from "../api-error";
import type { AgentTool } from "../domain/agent-wire-types";
import { parseAgentToolset } from "./agent-toolset";
import { parseCustomTool } from "./custom-tool";
import { expectOneOf, objectArray } from "./json-fields";
import { parseMcpToolset } from "./mcp-toolset";

const TOOL_TYPES = ["agent_toolset_20260401", "mcp_toolset", "custom"] as const;
/** Most tools an agent may have. */
const MAX_TOOLS = 128;

/** Validates `tools` (at most 128), each answered as responses give it. */
export function parseAgentTools(value: unknown): AgentTool[] {
  const tools = objectArray(value, "tools");
  if (tools.length > MAX_TOOLS) throw invalidRequest(`An agent has at most ${MAX_TOOLS} tools.`, "tools");
  return tools.map((tool, index) => {
    const param = `tools[${index}]`;
    const type = expectOneOf(tool.type, TOOL_TYPES, `${param}.type`);
    if (type === "agent_toolset_20260401") return parseAgentToolset(tool, param);
    if (type === "mcp_toolset") return parseMcpToolset(tool, param);
    return parseCustomTool(tool, param);
  });
}
