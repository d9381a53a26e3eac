/**
 * For each object in the SDK's recorded responses (`sdk-fixtures.json`), the inputs a user would
 * write for it, written by hand: the plain declaration, declarations that spell it differently
 * but mean the same (each must read back with no changes), and declarations that really differ
 * (each must read back with changes). Keyed by where the object is in the fixtures: the fixture
 * id, with `data[i]` for an entry of a list.
 */

type Values = Record<string, unknown>;

/** What a user declares for one recorded object, and the variants to try. */
export interface Declarations {
  kind: "agent" | "environment" | "vault" | "credential";
  declared: Values;
  /** Other declarations with the same meaning, by what makes them different. */
  same: Record<string, Values>;
  /** Declarations that ask for something else, by what differs. */
  differs: Record<string, Values>;
}

const TOOL_NAMES = ["Bash", "Read", "Write", "Edit", "Glob", "Grep", "WebFetch", "WebSearch"];
const docsMcpServer = { type: "url", name: "weather-service", url: "https://mcp.example.com/mcp" };

const createdAgent = {
  name: "doc-test-agent",
  model: "ultimate",
  system: "You are a documentation testing assistant.",
  tools: [{ type: "agent_toolset_20260401", enabledTools: TOOL_NAMES }],
  mcpServers: [docsMcpServer],
};

/** An agent that holds no tools, MCP servers or skills. */
function plainAgent(name: string, system: string, description?: string): Declarations {
  const declared = { name, model: "ultimate", system, ...(description === undefined ? {} : { description }) };
  return {
    kind: "agent",
    declared,
    same: {
      "empty tools, mcpServers and skills": { ...declared, tools: [], mcpServers: [], skills: [] },
      'model { id: "ultimate", effort: "high" }': { ...declared, model: { id: "ultimate", effort: "high" } },
      ...(description === undefined ? { 'description ""': { ...declared, description: "" } } : {}),
    },
    differs: {
      "another system prompt": { ...declared, system: "You are a different assistant." },
      ...(description === undefined
        ? { "a description the API does not hold": { ...declared, description: "Something else" } }
        : { "description left out while the API holds one": { name, model: "ultimate", system } }),
    },
  };
}

const docsEnvironment = { name: "doc-test-env", config: { type: "cloud", packages: { apt: ["curl"] } } };

/** An environment whose config installs `apt` packages and says nothing of networking. */
function environmentWith(name: string, apt: string[], description?: string): Declarations {
  const config = apt.length > 0 ? { type: "cloud", packages: { apt } } : { type: "cloud" };
  const declared = { name, config, ...(description === undefined ? {} : { description }) };
  return {
    kind: "environment",
    declared,
    same: {
      'networking declared { type: "unrestricted" }': { ...declared, config: { ...config, networking: { type: "unrestricted" } } },
      "all six package lists declared": {
        ...declared,
        config: { ...config, packages: { apt, cargo: [], gem: [], go: [], npm: [], pip: [] } },
      },
      ...(description === undefined ? { 'description ""': { ...declared, description: "" } } : {}),
    },
    // No recorded environment reports `networking`, so networking cannot be a difference here; see
    // `environmentWithNetworking` for that.
    differs: {
      "another name": { ...declared, name: `${name}-renamed` },
      "another apt package": { ...declared, config: { type: "cloud", packages: { apt: [...apt, "git"] } } },
    },
  };
}

/** A vault holding no declared credentials. */
function vaultWith(metadata?: Record<string, string>): Declarations {
  const declared = { displayName: "my-mcp-vault", ...(metadata ? { metadata } : {}) };
  return {
    kind: "vault",
    declared,
    same: {
      "credentials: []": { ...declared, credentials: [] },
      ...(metadata ? {} : { "metadata: {}": { ...declared, metadata: {} } }),
    },
    differs: {
      "another display name": { ...declared, displayName: "another-vault" },
      "other metadata": { ...declared, metadata: { team: "ops" } },
    },
  };
}

/** A vault (as `vaults.retrieve` records it) holding one bearer-token credential for `mcpServerUrl`. */
function bearerCredential(mcpServerUrl: string): Declarations {
  const credential = { type: "static_bearer", mcpServerUrl, token: "tok_docs_first", metadata: { team: "docs" } };
  const vault = (changed: Values) => ({ displayName: "my-mcp-vault", credentials: [{ ...credential, ...changed }] });
  return {
    kind: "credential",
    declared: vault({}),
    same: {},
    differs: {
      "another MCP server URL": vault({ mcpServerUrl: "https://example.com/another-mcp" }),
      "other credential metadata": vault({ metadata: { team: "ops" } }),
      "a display name the API does not hold": vault({ displayName: "Docs MCP" }),
    },
  };
}

/** The declarations for every live object in the fixtures. */
export const DECLARATIONS: Record<string, Declarations> = {
  "agents.create": {
    kind: "agent",
    declared: createdAgent,
    same: {
      "tool names lower-case": {
        ...createdAgent,
        tools: [{ type: "agent_toolset_20260401", enabledTools: TOOL_NAMES.map((n) => n.toLowerCase()) }],
      },
      "tool names as the SDK's per-tool config names (web_fetch)": {
        ...createdAgent,
        tools: [
          { type: "agent_toolset_20260401", enabledTools: ["bash", "read", "write", "edit", "glob", "grep", "web_fetch", "web_search"] },
        ],
      },
      "a toolset with no enabledTools (every tool)": { ...createdAgent, tools: [{ type: "agent_toolset_20260401" }] },
      'model { id: "ultimate", effort: "high" }': { ...createdAgent, model: { id: "ultimate", effort: "high" } },
      'description ""': { ...createdAgent, description: "" },
    },
    differs: {
      "another system prompt": { ...createdAgent, system: "You are a different assistant." },
      "another MCP server URL": { ...createdAgent, mcpServers: [{ ...docsMcpServer, url: "https://mcp.example.com/other" }] },
      "fewer enabled tools": { ...createdAgent, tools: [{ type: "agent_toolset_20260401", enabledTools: ["Bash", "Read"] }] },
    },
  },
  "agents.retrieve": {
    kind: "agent",
    declared: {
      name: "doc-test-agent",
      model: "ultimate",
      system: "You are a documentation testing assistant.",
      skills: [{ type: "custom", skillId: "skill_019e5d133c057536872f745e0b6dbd5d" }],
    },
    same: {
      "empty tools and mcpServers": {
        name: "doc-test-agent",
        model: "ultimate",
        system: "You are a documentation testing assistant.",
        skills: [{ type: "custom", skillId: "skill_019e5d133c057536872f745e0b6dbd5d" }],
        tools: [],
        mcpServers: [],
      },
      'model { id: "ultimate" }': {
        name: "doc-test-agent",
        model: { id: "ultimate" },
        system: "You are a documentation testing assistant.",
        skills: [{ type: "custom", skillId: "skill_019e5d133c057536872f745e0b6dbd5d" }],
      },
    },
    differs: {
      "another system prompt": {
        name: "doc-test-agent",
        model: "ultimate",
        system: "You are a different assistant.",
        skills: [{ type: "custom", skillId: "skill_019e5d133c057536872f745e0b6dbd5d" }],
      },
      "no skills": { name: "doc-test-agent", model: "ultimate", system: "You are a documentation testing assistant." },
    },
  },
  "agents.update": plainAgent(
    "doc-test-agent-updated",
    "You are an updated documentation testing assistant.",
    "Used for API documentation testing",
  ),
  "agents.list data[0]": plainAgent("doc-test-agent", "You are a documentation testing assistant."),
  "agents.list data[1]": plainAgent("test-agent-e2e", "You are a testing assistant.", "Agent used for end-to-end testing"),
  "agents.versions.list data[0]": plainAgent(
    "doc-test-agent-updated",
    "You are an updated documentation testing assistant.",
    "Used for API documentation testing",
  ),
  "agents.versions.list data[1]": plainAgent("doc-test-agent", "You are a documentation testing assistant."),
  "environments.create": environmentWith(docsEnvironment.name, ["curl"]),
  "environments.retrieve": environmentWith(docsEnvironment.name, ["curl"]),
  "environments.update": environmentWith(docsEnvironment.name, ["curl"], "Environment used for API documentation testing"),
  "environments.list data[0]": environmentWith(docsEnvironment.name, ["curl"]),
  "environments.list data[1]": environmentWith("default", []),
  "vaults.create": vaultWith({ team: "docs" }),
  "vaults.retrieve": vaultWith(),
  "vaults.list data[0]": vaultWith(),
  "vaults.credentials.create": bearerCredential("https://example.com/mcp-stream"),
  "vaults.credentials.retrieve": bearerCredential("https://example.com/mcp-stream"),
  "vaults.credentials.list data[0]": bearerCredential("https://example.com/mcp"),
};

/** Live objects no input can declare, with the reason. */
export const UNDECLARABLE: Record<string, string> = {
  "vaults.credentials.update": 'an "mcp_oauth" credential, which the provider does not support (it needs an OAuth flow)',
};

/**
 * The `environments.retrieve` answer with limited networking added in the SDK's response shape
 * (`LimitedNetwork`: `allowed_hosts` and both flags always present), since no recorded answer
 * reports networking; and what a user would declare for it.
 */
export const environmentWithNetworking = {
  networking: { type: "limited", allowed_hosts: ["api.github.com", "*.npmjs.org"], allow_package_managers: true, allow_mcp_servers: false },
  declarations: {
    kind: "environment",
    declared: {
      name: "doc-test-env",
      config: {
        type: "cloud",
        networking: { type: "limited", allowedHosts: ["api.github.com", "*.npmjs.org"], allowPackageManagers: true },
        packages: { apt: ["curl"] },
      },
    },
    same: {
      "the hosts in another order and case, allowMcpServers: false spelled out": {
        name: "doc-test-env",
        config: {
          type: "cloud",
          networking: {
            type: "limited",
            allowedHosts: ["*.npmjs.org", "API.github.com"],
            allowPackageManagers: true,
            allowMcpServers: false,
          },
          packages: { apt: ["curl"] },
        },
      },
    },
    differs: {
      "another allowed host": {
        name: "doc-test-env",
        config: {
          type: "cloud",
          networking: { type: "limited", allowedHosts: ["api.github.com", "*.pypi.org"], allowPackageManagers: true },
          packages: { apt: ["curl"] },
        },
      },
      "no networking (unrestricted)": { name: "doc-test-env", config: { type: "cloud", packages: { apt: ["curl"] } } },
    },
  } satisfies Declarations,
};
