import { invalidRequest } from "../api-error";
import type { McpServer } from "../domain/agent-wire-types";
import { expectOneOf, objectArray, paramPath, rejectUnknownFields, requiredNonEmptyString } from "./json-fields";
import { requiredName } from "./object-fields";

/** Most MCP servers an agent may have. */
const MAX_MCP_SERVERS = 20;
/** Longest MCP server name. */
const MAX_NAME_LENGTH = 255;

/** Validates `mcp_servers` (at most 20): `{type: "url", name, url}`, names unique. */
export function parseAgentMcpServers(value: unknown): McpServer[] {
  const servers = objectArray(value, "mcp_servers");
  if (servers.length > MAX_MCP_SERVERS) throw invalidRequest(`An agent has at most ${MAX_MCP_SERVERS} MCP servers.`, "mcp_servers");
  const names = new Set<string>();
  return servers.map((server, index) => {
    const param = `mcp_servers[${index}]`;
    rejectUnknownFields(server, ["type", "name", "url"], param);
    const name = requiredName(server, "name", MAX_NAME_LENGTH, param);
    if (names.has(name)) throw invalidRequest(`MCP server name '${name}' is used twice.`, paramPath(param, "name"));
    names.add(name);
    return {
      type: expectOneOf(server.type, ["url"] as const, paramPath(param, "type")),
      name,
      url: requiredNonEmptyString(server, "url", param),
    };
  });
}
