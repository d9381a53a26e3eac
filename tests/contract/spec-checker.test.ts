import {
  agentCreate,
  conformance,
  credentialCreate,
  credentialUpdate,
  ENDPOINTS,
  endpointOf,
  environmentUpdate,
  memoryStoreUpdate,
} from "./sdk-params";

// The checker itself: each kind of mistake a provider could make on the wire is caught, so a
// request-body test that passes means something.

const cloudConfig = {
  type: "cloud",
  networking: { type: "limited", allowed_hosts: ["api.github.com"], allow_package_managers: true, allow_mcp_servers: false },
  packages: { apt: ["git"], cargo: [], gem: [], go: [], npm: [], pip: [] },
  setup_script: null,
};

test("a body that fits the SDK type has no problems", () => {
  expect(conformance({ name: "ci", config: cloudConfig, metadata: { team: "infra", gone: null } }, environmentUpdate)).toEqual([]);
});

test("a renamed field is reported as unknown, at its path, naming the SDK type", () => {
  const renamed = { ...cloudConfig, networking: { type: "limited", allowedHosts: ["api.github.com"] } };
  expect(conformance({ config: renamed }, environmentUpdate)).toEqual([
    'config.networking.allowedHosts: unknown field; types.ts LimitedNetworkParams has no "allowedHosts"',
  ]);
});

test("a dropped required field is reported missing, at its path", () => {
  const body = { auth: { type: "environment_variable", secret_name: "NPM_TOKEN", secret_value: "s3cret" } };
  expect(conformance(body, credentialCreate)).toEqual([
    "auth.networking: missing; types.ts ManagedAgentsEnvironmentVariableCreateParams requires it",
  ]);
  expect(conformance({ model: "ultimate" }, agentCreate)).toEqual([
    "name: missing; types.ts AgentCreateParams (= AgentNewParams) requires it",
  ]);
});

test("an extra field the SDK type does not have is reported, even one a create type has", () => {
  const rotation = { auth: { type: "static_bearer", mcp_server_url: "https://mcp.example.com", token: "next" } };
  expect(conformance(rotation, credentialUpdate)).toEqual([
    'auth.mcp_server_url: unknown field; types.ts ManagedAgentsStaticBearerUpdateParams has no "mcp_server_url"',
  ]);
  expect(conformance({ name: "notes", deletion_mode: "delete" }, memoryStoreUpdate)).toEqual([
    'deletion_mode: unknown field; types.ts MemoryStoreUpdateParams has no "deletion_mode"',
  ]);
});

test("a wrong nested type is reported at its path", () => {
  const body = { config: { ...cloudConfig, packages: { ...cloudConfig.packages, apt: "git" } } };
  expect(conformance(body, environmentUpdate)).toEqual(["config.packages.apt: expected array, got string"]);
  const tools = [{ type: "agent_toolset_20260401", configs: [{ name: "bash", enabled: "yes" }] }];
  expect(conformance({ name: "a", model: "ultimate", tools }, agentCreate)).toEqual([
    "tools[0].configs[0].enabled: expected boolean, got string",
  ]);
});

test("a null where the SDK type allows none is reported; where it allows one it is fine", () => {
  expect(conformance({ name: null, model: "ultimate" }, agentCreate)).toEqual(["name: null, which the SDK type does not allow here"]);
  expect(conformance({ name: "a", model: "ultimate", system: null, tools: null }, agentCreate)).toEqual([]);
});

test("a value outside a string enum, and a union tag naming no variant, are reported", () => {
  expect(conformance({ name: "a", model: { id: "ultimate", speed: "warp" } }, agentCreate)).toEqual([
    'model.speed: "warp" is not one of "standard", "fast"',
  ]);
  expect(conformance({ config: { type: "cloud", networking: { type: "allowed_hosts" } } }, environmentUpdate)).toEqual([
    'config.networking.type: "allowed_hosts" names no variant of types.ts UnrestrictedNetworkParam | LimitedNetworkParams ("unrestricted", "limited")',
  ]);
});

test("a custom tool's input schema is any JSON Schema: its keys pass as they are", () => {
  const inputSchema = {
    type: "object",
    properties: { someCamelKey: { type: "string" } },
    required: ["someCamelKey"],
    additionalProperties: false,
  };
  const tool = { type: "custom", name: "lookup", description: "Looks it up", input_schema: inputSchema };
  expect(conformance({ name: "a", model: "ultimate", tools: [tool] }, agentCreate)).toEqual([]);
});

test("a body-less endpoint refuses any body", () => {
  const archive = endpointOf("POST", "/agents/agent_1/archive")!;
  expect(conformance(undefined, archive.body)).toEqual([]);
  expect(conformance({}, archive.body)).toEqual(["body: the SDK sends no body here, got object"]);
});

test("requests are matched to their endpoint by method and path segments", () => {
  expect(endpointOf("POST", "/vaults/vault_1/credentials/vcred_1")?.source).toBe("types.ts VaultCredentialUpdateParams");
  expect(endpointOf("POST", "/vaults/vault_1/credentials")?.source).toMatch(/VaultCredentialCreateParams/);
  expect(endpointOf("POST", "/vaults/vault_1")).toBeUndefined();
  expect(new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`)).size).toBe(ENDPOINTS.length);
});
