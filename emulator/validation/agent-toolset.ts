import { invalidRequest } from "../api-error";
import { type AgentToolset, BUILT_IN_TOOLS, type BuiltInTool } from "../domain/agent-wire-types";
import { parseBuiltInToolConfigs } from "./built-in-tool-configs";
import { type JsonObject, paramPath, rejectUnknownFields } from "./json-fields";
import { resolvedDefaultConfig } from "./tool-settings";

/** Built-in tool names by their key: lower case, without `_` (`web_fetch` and `WebFetch` → `webfetch`). */
const TOOLS_BY_KEY = new Map<string, BuiltInTool>(BUILT_IN_TOOLS.map((tool) => [toolKey(tool), tool]));

/**
 * Validates an `agent_toolset_20260401` tool and answers it as responses do: tool names in
 * canonical case (`bash` → `Bash`), `enabled_tools` resolved to every built-in tool but the
 * disallowed ones when not given, `configs` as given (`[]` when not), `default_config` resolved.
 */
export function parseAgentToolset(tool: JsonObject, param: string): AgentToolset {
  rejectUnknownFields(tool, ["type", "enabled_tools", "disallowed_tools", "configs", "default_config"], param);
  const disallowed = toolNames(tool.disallowed_tools, paramPath(param, "disallowed_tools"));
  const enabled = toolNames(tool.enabled_tools, paramPath(param, "enabled_tools"));
  return {
    type: "agent_toolset_20260401",
    enabled_tools: enabled ?? BUILT_IN_TOOLS.filter((name) => !disallowed?.includes(name)),
    ...(disallowed ? { disallowed_tools: disallowed } : {}),
    configs: parseBuiltInToolConfigs(tool.configs, paramPath(param, "configs")),
    default_config: resolvedDefaultConfig(tool.default_config, paramPath(param, "default_config")),
  };
}

/** A list of built-in tool names in canonical case; absent or `null` → `undefined`. */
function toolNames(value: unknown, param: string): BuiltInTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidRequest(`Field '${param}' must be an array of tool names.`, param);
  return value.map((name, index) => {
    const tool = typeof name === "string" ? TOOLS_BY_KEY.get(toolKey(name)) : undefined;
    if (!tool) {
      throw invalidRequest(`Field '${param}[${index}]' must name a built-in tool: ${BUILT_IN_TOOLS.join(", ")}.`, `${param}[${index}]`);
    }
    return tool;
  });
}

function toolKey(name: string): string {
  return name.toLowerCase().replaceAll("_", "");
}
