import type { McpToolset, ToolConfig } from "../domain/agent-wire-types";
import { type JsonObject, objectArray, paramPath, rejectUnknownFields } from "./json-fields";
import { requiredName } from "./object-fields";
import { checkToolSettings, resolvedDefaultConfig } from "./tool-settings";

/** Longest MCP server name. */
const MAX_SERVER_NAME_LENGTH = 255;
/** Longest MCP tool name in `configs`. */
const MAX_TOOL_NAME_LENGTH = 128;

/**
 * Validates an `mcp_toolset` tool, `{type, mcp_server_name, configs?, default_config?}`, and answers
 * it as responses do: `configs` as given (`[]` when not), `default_config` resolved.
 */
export function parseMcpToolset(tool: JsonObject, param: string): McpToolset {
  rejectUnknownFields(tool, ["type", "mcp_server_name", "configs", "default_config"], param);
  return {
    type: "mcp_toolset",
    mcp_server_name: requiredName(tool, "mcp_server_name", MAX_SERVER_NAME_LENGTH, param),
    configs: parseMcpToolConfigs(tool.configs, paramPath(param, "configs")),
    default_config: resolvedDefaultConfig(tool.default_config, paramPath(param, "default_config")),
  };
}

/** `configs`: entries `{name, enabled?, permission_policy?}`, answered as given. */
function parseMcpToolConfigs(value: unknown, param: string): ToolConfig[] {
  if (value === undefined || value === null) return [];
  objectArray(value, param).forEach((config, index) => {
    const itemParam = `${param}[${index}]`;
    rejectUnknownFields(config, ["name", "enabled", "permission_policy"], itemParam);
    requiredName(config, "name", MAX_TOOL_NAME_LENGTH, itemParam);
    checkToolSettings(config, itemParam);
  });
  return structuredClone(value as ToolConfig[]);
}
