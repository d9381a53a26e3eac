/**
 * Inputs of each kind with every field declared, for the request-body tests: what a program could
 * write, in the resources' camelCase.
 */

/** An environment config with every member declared: limited networking, all six package managers, a setup script. */
export const fullConfig = {
  type: "cloud",
  networking: { type: "limited", allowedHosts: ["api.github.com", "*.npmjs.org"], allowPackageManagers: true, allowMcpServers: true },
  packages: {
    apt: ["git"],
    cargo: ["ripgrep"],
    gem: ["rake"],
    go: ["golang.org/x/tools/cmd/goimports@latest"],
    npm: ["typescript"],
    pip: ["requests==2.32.0"],
  },
  setupScript: "#!/bin/sh\nmake setup\n",
};

/** An environment with every input declared. */
export const environment = {
  name: "backend-ci",
  description: "CI for the backend",
  config: fullConfig,
  metadata: { team: "platform", tier: "gold" },
};

/** A custom tool's JSON Schema, with keys that are not snake_case and must reach the API as written. */
const ticketSchema = {
  type: "object",
  properties: {
    ticketId: { type: "string", description: "The ticket's id, e.g. OPS-12" },
    someCamelKey: { type: "integer", minimum: 1 },
  },
  required: ["ticketId"],
  additionalProperties: false,
};

/** An agent with every input declared, and every kind of tool with every field. */
export const agent = {
  name: "reviewer",
  model: { id: "ultimate", effort: "high", speed: "fast" },
  system: "You review pull requests.",
  description: "Reviews backend changes",
  tools: [
    {
      type: "agent_toolset_20260401",
      enabledTools: ["bash", "read", "web_fetch"],
      disallowedTools: ["write"],
      configs: [{ name: "bash", enabled: true, permissionPolicy: { type: "always_ask" } }],
      defaultConfig: { enabled: true, permissionPolicy: { type: "always_allow" } },
    },
    {
      type: "mcp_toolset",
      mcpServerName: "weather",
      configs: [{ name: "get_forecast", enabled: true, permissionPolicy: { type: "always_ask" } }],
      defaultConfig: { enabled: false, permissionPolicy: { type: "always_ask" } },
    },
    { type: "custom", name: "lookup_ticket", description: "Looks a ticket up by its id", inputSchema: ticketSchema },
  ],
  mcpServers: [{ type: "url", name: "weather", url: "https://mcp.example.com/mcp" }],
  skills: [
    { type: "custom", skillId: "skill_019e5d133c057536872f745e0b6dbd5d", version: "3" },
    { type: "qoder", skillId: "xlsx" },
  ],
  metadata: { team: "platform", "cost-center": "42" },
};

/** A bearer token for an MCP server, with its own name and metadata. */
export const githubCredential = {
  type: "static_bearer",
  mcpServerUrl: "https://mcp.github.dev/mcp",
  token: "tok_github_first",
  displayName: "GitHub MCP",
  metadata: { owner: "platform" },
};

/** A secret environment variable with every field declared. */
export const npmCredential = {
  type: "environment_variable",
  secretName: "NPM_TOKEN",
  secretValue: "npm_value_first",
  networking: { type: "limited", allowedHosts: ["registry.npmjs.org"] },
  injectionLocation: { body: false, header: true },
  displayName: "npm publish token",
  metadata: { owner: "release" },
};

/** A secret environment variable with only the required fields: no networking declared. */
export const sentryCredential = { type: "environment_variable", secretName: "SENTRY_DSN", secretValue: "dsn_value_first" };

/** A vault with every input declared and one credential of each shape. */
export const vault = {
  displayName: "Team vault",
  metadata: { team: "platform" },
  credentials: [githubCredential, npmCredential, sentryCredential],
};

/** A memory store with every input the API receives declared. */
export const memoryStore = { name: "team-notes", description: "What the team has learned", metadata: { team: "platform", tier: "gold" } };
