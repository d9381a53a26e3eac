/** Agent inputs, valid and not, shared by the unit and engine tests. */
export const server = { type: "url", name: "weather", url: "https://mcp.example.com/mcp" };
export const valid = { name: "reviewer", model: "ultimate" };
export const full = {
  ...valid,
  system: "You review pull requests.",
  description: "Reviews backend changes",
  tools: [
    { type: "agent_toolset_20260401", enabledTools: ["bash", "read"] },
    { type: "mcp_toolset", mcpServerName: "weather" },
  ],
  mcpServers: [server],
  skills: [{ type: "custom", skillId: "skill_019e5cdb", version: "2" }],
  metadata: { team: "platform" },
};

/** `full` as the API's create body spells it: snake_case at every depth, metadata as written. */
export const fullOnTheWire = {
  name: "reviewer",
  model: "ultimate",
  system: "You review pull requests.",
  description: "Reviews backend changes",
  tools: [
    { type: "agent_toolset_20260401", enabled_tools: ["bash", "read"] },
    { type: "mcp_toolset", mcp_server_name: "weather" },
  ],
  mcp_servers: [{ type: "url", name: "weather", url: "https://mcp.example.com/mcp" }],
  skills: [{ type: "custom", skill_id: "skill_019e5cdb", version: "2" }],
  metadata: { team: "platform" },
};

const skills = (count: number) => Array.from({ length: count }, (_, i) => ({ type: "custom", skillId: `skill_${i}` }));

// Each row: inputs, the property the failure must name, and words its reason must contain.
export const invalid: [string, Record<string, unknown>, string, RegExp][] = [
  ["name missing", { ...valid, name: undefined }, "name", /string/],
  ["name empty", { ...valid, name: "" }, "name", /empty/],
  ["name too long", { ...valid, name: "n".repeat(257) }, "name", /at most 256/],
  ["name number", { ...valid, name: 7 }, "name", /string/],
  ["model missing", { ...valid, model: undefined }, "model", /model id such as "ultimate"/],
  ["model empty", { ...valid, model: "" }, "model", /empty/],
  ["model number", { ...valid, model: 4 }, "model", /model id such as "ultimate"/],
  ["model object without id", { ...valid, model: { effort: "high" } }, "model.id", /model id/],
  ["model effort unknown", { ...valid, model: { id: "ultimate", effort: "extreme" } }, "model.effort", /"low", "medium", "high"/],
  ["model speed unknown", { ...valid, model: { id: "ultimate", speed: "turbo" } }, "model.speed", /"standard" or "fast"/],
  ["model unknown field", { ...valid, model: { id: "ultimate", contextWindow: 4000 } }, "model", /unknown field.*"contextWindow"/],
  ["system number", { ...valid, system: 1 }, "system", /string/],
  ["description list", { ...valid, description: ["x"] }, "description", /string/],
  ["tools not a list", { ...valid, tools: { type: "agent_toolset_20260401" } }, "tools", /list of tools/],
  ["tool without type", { ...valid, tools: [{ enabledTools: ["bash"] }] }, "tools[0].type", /tool type/],
  ["tool empty type", { ...valid, tools: [{ type: "" }] }, "tools[0].type", /empty/],
  [
    "tool names not a list",
    { ...valid, tools: [{ type: "agent_toolset_20260401", enabledTools: "bash" }] },
    "tools[0].enabledTools",
    /list of tool names/,
  ],
  ["tool name empty", { ...valid, tools: [{ type: "agent_toolset_20260401", enabledTools: [""] }] }, "tools[0].enabledTools[0]", /empty/],
  [
    "tool name twice",
    { ...valid, tools: [{ type: "agent_toolset_20260401", enabledTools: ["bash", "bash"] }] },
    "tools[0].enabledTools",
    /twice/,
  ],
  [
    "tool unknown field (a snake_case spelling)",
    { ...valid, tools: [{ type: "agent_toolset_20260401", enabled_tools: ["bash"] }] },
    "tools[0]",
    /unknown field.*"enabled_tools".*expected type, enabledTools, mcpServerName/,
  ],
  ["mcp toolset without server", { ...valid, tools: [{ type: "mcp_toolset" }] }, "tools[0].mcpServerName", /required for "mcp_toolset"/],
  [
    "server name on a built-in toolset",
    { ...valid, mcpServers: [server], tools: [{ type: "agent_toolset_20260401", mcpServerName: "weather" }] },
    "tools[0].mcpServerName",
    /only to type "mcp_toolset"/,
  ],
  [
    "mcp toolset naming an undeclared server",
    { ...valid, mcpServers: [server], tools: [{ type: "mcp_toolset", mcpServerName: "calendar" }] },
    "tools[0].mcpServerName",
    /"calendar" names no entry of mcpServers \(declared: weather\)/,
  ],
  ["mcp servers not a list", { ...valid, mcpServers: server }, "mcpServers", /list of MCP servers/],
  ["mcp server without type", { ...valid, mcpServers: [{ name: "w", url: server.url }] }, "mcpServers[0].type", /"url"/],
  ["mcp server other type", { ...valid, mcpServers: [{ ...server, type: "stdio" }] }, "mcpServers[0].type", /"url"/],
  ["mcp server without name", { ...valid, mcpServers: [{ ...server, name: undefined }] }, "mcpServers[0].name", /server name/],
  ["mcp server name too long", { ...valid, mcpServers: [{ ...server, name: "s".repeat(256) }] }, "mcpServers[0].name", /255/],
  ["mcp server url not a URL", { ...valid, mcpServers: [{ ...server, url: "mcp.example.com" }] }, "mcpServers[0].url", /not a URL/],
  ["mcp server url ftp", { ...valid, mcpServers: [{ ...server, url: "ftp://mcp.example.com" }] }, "mcpServers[0].url", /https:\/\//],
  [
    "mcp server url with credentials",
    { ...valid, mcpServers: [{ ...server, url: "https://user:s3cret@mcp.example.com/mcp" }] },
    "mcpServers[0].url",
    /must not embed credentials.*vault/,
  ],
  [
    "mcp server url too long",
    { ...valid, mcpServers: [{ ...server, url: `https://x.example/${"p".repeat(2048)}` }] },
    "mcpServers[0].url",
    /2048/,
  ],
  ["mcp server unknown field", { ...valid, mcpServers: [{ ...server, headers: {} }] }, "mcpServers[0]", /unknown field.*"headers"/],
  [
    "mcp server name twice",
    { ...valid, mcpServers: [server, { ...server, url: "https://other.example/mcp" }] },
    "mcpServers[1].name",
    /unique/,
  ],
  ["skills not a list", { ...valid, skills: "skill_1" }, "skills", /list of skills/],
  ["skill other type", { ...valid, skills: [{ type: "anthropic", skillId: "xlsx" }] }, "skills[0].type", /"custom" or "qoder"/],
  ["skill without id", { ...valid, skills: [{ type: "custom" }] }, "skills[0].skillId", /skill id/],
  [
    "skill version number",
    { ...valid, skills: [{ type: "custom", skillId: "skill_1", version: 2 }] },
    "skills[0].version",
    /version string such as "3"/,
  ],
  ["skill snake_case id", { ...valid, skills: [{ type: "custom", skill_id: "skill_1" }] }, "skills[0]", /unknown field.*"skill_id"/],
  ["skill listed twice", { ...valid, skills: [...skills(1), ...skills(1)] }, "skills[1].skillId", /list a skill once/],
  ["21 skills", { ...valid, skills: skills(21) }, "skills", /at most 20 skills/],
  ["metadata value number", { ...valid, metadata: { k: 5 } }, "metadata.k", /strings/],
  ["metadata key too long", { ...valid, metadata: { ["k".repeat(65)]: "v" } }, `metadata.${"k".repeat(65)}`, /64/],
  ["deletion mode (agents cannot be deleted)", { ...valid, deletionMode: "delete" }, "inputs", /unknown field.*"deletionMode"/],
  ["version as an input", { ...valid, version: 2 }, "inputs", /unknown field.*"version"/],
];
