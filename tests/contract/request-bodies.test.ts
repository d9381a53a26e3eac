import { type RecordedRequest, type RunningEmulator, startEmulator } from "../../emulator";
import { AgentProvider } from "../../provider/agent/provider";
import { EnvironmentProvider } from "../../provider/environment/provider";
import { MemoryStoreProvider } from "../../provider/memory-store/provider";
import { VaultProvider } from "../../provider/vault/provider";
import { agent, environment, fullConfig, githubCredential, memoryStore, npmCredential, sentryCredential, vault } from "./declared-inputs";
import {
  agentCreate,
  agentUpdate,
  conformance,
  credentialCreate,
  credentialUpdate,
  environmentCreate,
  environmentUpdate,
  memoryStoreCreate,
  memoryStoreUpdate,
  vaultCreate,
} from "./sdk-params";
import type { ObjectSpec } from "./spec-language";
import { attempt, credentialCreateOf, missingOnWire, sdkProblems, sentTo, wireOf } from "./wire-support";

// The real providers against the emulator, with every input declared: each request they send must
// fit the SDK's params for its endpoint (no field the SDK lacks, none it requires missing, no wrong
// type or stray null), and every declared input must reach the wire under its SDK name.

const TOKEN = "qoder_pat_contract_7b2e";
type Values = Record<string, unknown>;

let emulator: RunningEmulator;
const providers: { close(): Promise<void> }[] = [];
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
});
afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.close();
  await emulator.close();
});

/** A provider of `kind` against this test's emulator, closed after the test. */
function providerOf<P extends { close(): Promise<void> }>(
  kind: new (options: { apiUrl: string; token: string; maxRetries: number }) => P,
): P {
  const provider = new kind({ apiUrl: emulator.url, token: TOKEN, maxRetries: 0 });
  providers.push(provider);
  return provider;
}

/** The one request sent to `method path`; fails naming what was sent instead when there is not exactly one. */
function onlyRequest(method: string, path: string): RecordedRequest {
  const found = sentTo(emulator.requests, method, path);
  if (found.length !== 1) {
    const sent = emulator.requests.map((r) => `${r.method} ${r.path}`).join(", ");
    throw new Error(`expected one ${method} ${path}, found ${found.length} among: ${sent}`);
  }
  return found[0];
}

/** (a) the body fits the SDK's params and (b) every declared value is on the wire under its SDK name. */
function expectBody(request: RecordedRequest, spec: ObjectSpec, expected: unknown): void {
  expect(conformance(request.body, spec)).toEqual([]);
  expect(missingOnWire(request.body, expected)).toEqual([]);
}

/** Every request of the test went to an SDK endpoint with a body that fits it (none for archive, delete, get). */
function expectEveryRequestFitsTheSdk(): void {
  expect(sdkProblems(emulator.requests)).toEqual([]);
}

/** Runs a step whose requests are checked whatever it answers; the step must still succeed. */
async function step<T>(action: () => Promise<T>): Promise<T> {
  const { value, error } = await attempt(action);
  if (error !== undefined) throw error;
  return value as T;
}

describe("Environment", () => {
  const create = async (inputs: Values = environment) => {
    const provider = providerOf(EnvironmentProvider);
    const { id, outs } = await step(() => provider.create(inputs as never));
    emulator.clearRequests();
    return { provider, id, outs: outs as Values };
  };

  /** The complete config an update must send: the six package lists and setup_script always present. */
  const complete = (over: { networking?: unknown; packages?: Values; setup_script?: string | null }) => ({
    type: "cloud",
    networking: over.networking ?? { type: "unrestricted" },
    packages: { apt: [], cargo: [], gem: [], go: [], npm: [], pip: [], ...over.packages },
    setup_script: over.setup_script ?? null,
  });
  const declaredNetworking = wireOf(fullConfig.networking);
  const declaredPackages = wireOf(fullConfig.packages) as Values;

  test("create sends every declared input, the config snake_case as declared (EnvironmentCreateParams)", async () => {
    const provider = providerOf(EnvironmentProvider);
    const created = await attempt(() => provider.create(environment as never));
    expectBody(onlyRequest("POST", "/environments"), environmentCreate, wireOf(environment));
    expectEveryRequestFitsTheSdk();
    expect(created.error).toBeUndefined();
  });

  /** Updates from the full config to `config` and returns the update's body after checking it fits the SDK. */
  const updateConfig = async (config: Values) => {
    const { provider, id, outs } = await create();
    const updated = await attempt(() => provider.update(id, outs as never, { ...environment, config } as never));
    const request = onlyRequest("POST", `/environments/${id}`);
    expectEveryRequestFitsTheSdk();
    expect(updated.error).toBeUndefined();
    return request;
  };

  test("an update removing setupScript sends setup_script: null in the complete config (EnvironmentUpdateParams)", async () => {
    const { setupScript: _removed, ...config } = fullConfig;
    const request = await updateConfig(config);
    expectBody(request, environmentUpdate, {
      config: complete({ networking: declaredNetworking, packages: declaredPackages, setup_script: null }),
    });
    expect((request.body as { config: Values }).config.setup_script).toBeNull();
  });

  test("an update removing packages sends all six package lists empty", async () => {
    const { packages: _removed, ...config } = fullConfig;
    const request = await updateConfig(config);
    expectBody(request, environmentUpdate, { config: complete({ networking: declaredNetworking, setup_script: fullConfig.setupScript }) });
  });

  test('an update from limited to no networking sends networking { type: "unrestricted" }', async () => {
    const { networking: _removed, ...config } = fullConfig;
    const request = await updateConfig(config);
    expectBody(request, environmentUpdate, { config: complete({ packages: declaredPackages, setup_script: fullConfig.setupScript }) });
    expect((request.body as { config: Values }).config.networking).toEqual({ type: "unrestricted" });
  });

  test("an update removing allowPackageManagers sends allow_package_managers: false in the complete networking", async () => {
    // Limited networking that installs packages needs allow_package_managers: true, so the packages go too.
    const { allowPackageManagers: _removed, ...networking } = fullConfig.networking;
    const { packages: _packages, ...config } = fullConfig;
    const request = await updateConfig({ ...config, networking });
    const limited = {
      type: "limited",
      allowed_hosts: fullConfig.networking.allowedHosts,
      allow_package_managers: false,
      allow_mcp_servers: true,
    };
    expectBody(request, environmentUpdate, {
      config: complete({ networking: limited, setup_script: fullConfig.setupScript }),
    });
  });

  test("an update of name, description and metadata sends them, metadata as a patch with the removed key null", async () => {
    const { provider, id, outs } = await create();
    const news = { ...environment, name: "backend-ci-2", description: "CI, second edition", metadata: { team: "ai" } };
    const updated = await attempt(() => provider.update(id, outs as never, news as never));
    expectBody(onlyRequest("POST", `/environments/${id}`), environmentUpdate, {
      name: "backend-ci-2",
      description: "CI, second edition",
      metadata: { team: "ai", tier: null },
    });
    expectEveryRequestFitsTheSdk();
    expect(updated.error).toBeUndefined();
  });

  test("destroy sends DELETE /environments/{id} without a body", async () => {
    const { provider, id, outs } = await create();
    await step(() => provider.delete(id, outs as never));
    expect(onlyRequest("DELETE", `/environments/${id}`).body).toBeUndefined();
    expectEveryRequestFitsTheSdk();
  });
});

describe("Agent", () => {
  const create = async (inputs: Values = agent) => {
    const provider = providerOf(AgentProvider);
    const { id, outs } = await step(() => provider.create(inputs as never));
    emulator.clearRequests();
    return { provider, id, outs: outs as Values };
  };

  test("create sends every declared input under its SDK name, a custom tool's schema verbatim (AgentCreateParams)", async () => {
    const provider = providerOf(AgentProvider);
    const created = await attempt(() => provider.create(agent as never));
    const request = onlyRequest("POST", "/agents");
    expectBody(request, agentCreate, wireOf(agent));
    const custom = (request.body as { tools?: Values[] }).tools?.find((tool) => tool.type === "custom");
    expect(custom?.input_schema).toEqual(agent.tools[2].inputSchema);
    expectEveryRequestFitsTheSdk();
    expect(created.error).toBeUndefined();
  });

  test("an update sends the version in state and every changed field (AgentUpdateParams)", async () => {
    const { provider, id, outs } = await create();
    const news = {
      name: "reviewer-2",
      model: "ultimate",
      system: "You review carefully.",
      description: "Reviews every change",
      tools: [
        { type: "agent_toolset_20260401", disallowedTools: ["web_search"], configs: [{ name: "read", enabled: false }] },
        { type: "mcp_toolset", mcpServerName: "tickets" },
        {
          type: "custom",
          name: "lookup_ticket",
          description: "Looks a ticket up",
          inputSchema: { type: "object", properties: { ticketKey: { type: "string" } } },
        },
      ],
      mcpServers: [{ type: "url", name: "tickets", url: "https://tickets.example.com/mcp" }],
      skills: [{ type: "qoder", skillId: "xlsx", version: "2" }],
      metadata: { team: "ai" },
    };
    const updated = await attempt(() => provider.update(id, outs as never, news as never));
    const { metadata: _patched, ...rest } = news;
    expectBody(onlyRequest("POST", `/agents/${id}`), agentUpdate, {
      ...(wireOf(rest) as Values),
      metadata: { team: "ai", "cost-center": null },
      version: 1,
    });
    expectEveryRequestFitsTheSdk();
    expect(updated.error).toBeUndefined();
  });

  test("an update clearing every optional input sends each cleared in a form the SDK accepts", async () => {
    const { provider, id, outs } = await create();
    const updated = await attempt(() => provider.update(id, outs as never, { name: agent.name, model: agent.model } as never));
    const body = onlyRequest("POST", `/agents/${id}`).body as Values;
    expect(conformance(body, agentUpdate)).toEqual([]);
    const cleared = (value: unknown) => value === null || value === "" || (Array.isArray(value) && value.length === 0);
    const notCleared = ["system", "description", "tools", "mcp_servers", "skills"].filter(
      (field) => !(field in body) || !cleared(body[field]),
    );
    expect(notCleared).toEqual([]);
    expect(body).toEqual(expect.objectContaining({ metadata: { team: null, "cost-center": null }, version: 1 }));
    expectEveryRequestFitsTheSdk();
    expect(updated.error).toBeUndefined();
  });

  test("destroy sends POST /agents/{id}/archive without a body", async () => {
    const { provider, id, outs } = await create();
    await step(() => provider.delete(id, outs as never));
    expect(onlyRequest("POST", `/agents/${id}/archive`).body).toBeUndefined();
    expectEveryRequestFitsTheSdk();
  });
});

describe("Vault and its credentials", () => {
  type Stored = { credentials?: (Values & { credentialId: string })[] };
  const create = async (inputs: Values = vault) => {
    const provider = providerOf(VaultProvider);
    const { id, outs } = await step(() => provider.create(inputs as never));
    emulator.clearRequests();
    return { provider, id, outs: outs as Values };
  };
  /** The id state holds for the credential of that MCP server URL or secret name. */
  const credentialId = (outs: Values, identity: string) =>
    (outs as Stored).credentials?.find((c) => c.mcpServerUrl === identity || c.secretName === identity)?.credentialId ?? "(none in state)";
  /** A credential's identity: its MCP server URL or its secret name. */
  const identityOf = (credential: Values) => String(credential.mcpServerUrl ?? credential.secretName);
  /** The vault with the credential of the same identity replaced by `changed`. */
  const withCredential = (changed: Values) => ({
    ...vault,
    credentials: vault.credentials.map((c: Values) => (identityOf(c) === identityOf(changed) ? changed : c)),
  });
  /** The vault the credential creates went to, read from their path. */
  const vaultOfCredentialCreates = () =>
    emulator.requests.map((r) => /^\/vaults\/([^/]+)\/credentials$/.exec(r.path)?.[1]).find((id) => id !== undefined) ??
    "(no credential create)";
  /** The create request of the credential whose `auth` has that URL or secret name. */
  const credentialRequest = (vaultId: string, identity: string) => {
    const found = sentTo(emulator.requests, "POST", `/vaults/${vaultId}/credentials`).filter((request) => {
      const auth = (request.body as { auth?: Values } | undefined)?.auth;
      return auth?.mcp_server_url === identity || auth?.secret_name === identity;
    });
    if (found.length !== 1) throw new Error(`expected one credential create for ${identity}, found ${found.length}`);
    return found[0];
  };

  test("create sends the vault's display_name and metadata (VaultCreateParams), then each credential (VaultCredentialCreateParams)", async () => {
    const provider = providerOf(VaultProvider);
    const created = await attempt(() => provider.create(vault as never));
    const vaultRequest = onlyRequest("POST", "/vaults");
    expectBody(vaultRequest, vaultCreate, { display_name: "Team vault", metadata: { team: "platform" } });
    const vaultId = vaultOfCredentialCreates();
    expectBody(credentialRequest(vaultId, githubCredential.mcpServerUrl), credentialCreate, credentialCreateOf(githubCredential));
    expectBody(credentialRequest(vaultId, npmCredential.secretName), credentialCreate, credentialCreateOf(npmCredential));
    expectEveryRequestFitsTheSdk();
    expect(created.error).toBeUndefined();
  });

  test('an environment_variable credential created without networking carries auth.networking { type: "unrestricted" }', async () => {
    const provider = providerOf(VaultProvider);
    const created = await attempt(() => provider.create({ displayName: "Env vault", credentials: [sentryCredential] } as never));
    const request = credentialRequest(vaultOfCredentialCreates(), sentryCredential.secretName);
    expectBody(request, credentialCreate, credentialCreateOf(sentryCredential));
    expect((request.body as { auth: Values }).auth.networking).toEqual({ type: "unrestricted" });
    expectEveryRequestFitsTheSdk();
    expect(created.error).toBeUndefined();
  });

  /** Applies `changed` to one credential and returns the request sent to that credential after checking every request fits the SDK. */
  const changeCredential = async (changed: Values, identity: string) => {
    const { provider, id, outs } = await create();
    const updated = await attempt(() => provider.update(id, outs as never, withCredential(changed) as never));
    const request = onlyRequest("POST", `/vaults/${id}/credentials/${credentialId(outs, identity)}`);
    expectEveryRequestFitsTheSdk();
    expect(updated.error).toBeUndefined();
    return request;
  };

  test("a new token is rotated in place with auth { type, token } only: never mcp_server_url (VaultCredentialUpdateParams)", async () => {
    const request = await changeCredential({ ...githubCredential, token: "tok_github_next" }, githubCredential.mcpServerUrl);
    expectBody(request, credentialUpdate, { auth: { type: "static_bearer", token: "tok_github_next" } });
  });

  test("a new secret value is rotated with auth { type, secret_value, networking, injection_location }: never secret_name", async () => {
    const request = await changeCredential({ ...npmCredential, secretValue: "npm_value_next" }, npmCredential.secretName);
    expectBody(request, credentialUpdate, {
      auth: {
        type: "environment_variable",
        secret_value: "npm_value_next",
        networking: wireOf(npmCredential.networking),
        injection_location: wireOf(npmCredential.injectionLocation),
      },
    });
  });

  test("new credential networking is changed in place, the whole networking object in auth", async () => {
    const networking = { type: "limited", allowedHosts: ["registry.npmjs.org", "npm.pkg.github.com"] };
    const request = await changeCredential({ ...npmCredential, networking }, npmCredential.secretName);
    expectBody(request, credentialUpdate, { auth: { type: "environment_variable", networking: wireOf(networking) } });
  });

  test("a new display name and metadata go top-level, metadata as a patch with the removed key null", async () => {
    const request = await changeCredential(
      { ...githubCredential, displayName: "GitHub MCP (prod)", metadata: { team: "ai" } },
      githubCredential.mcpServerUrl,
    );
    expectBody(request, credentialUpdate, { display_name: "GitHub MCP (prod)", metadata: { team: "ai", owner: null } });
  });

  test("a credential no longer declared is deleted without a body", async () => {
    const { provider, id, outs } = await create();
    const news = { ...vault, credentials: [githubCredential, npmCredential] };
    await step(() => provider.update(id, outs as never, news as never));
    expect(onlyRequest("DELETE", `/vaults/${id}/credentials/${credentialId(outs, sentryCredential.secretName)}`).body).toBeUndefined();
    expectEveryRequestFitsTheSdk();
  });

  test("destroy archives the vault without a body, or deletes it with deletionMode delete", async () => {
    const archived = await create();
    await step(() => archived.provider.delete(archived.id, archived.outs as never));
    expect(onlyRequest("POST", `/vaults/${archived.id}/archive`).body).toBeUndefined();
    const deleted = await create({ ...vault, displayName: "Other vault", deletionMode: "delete" });
    await step(() => deleted.provider.delete(deleted.id, deleted.outs as never));
    expect(onlyRequest("DELETE", `/vaults/${deleted.id}`).body).toBeUndefined();
    expectEveryRequestFitsTheSdk();
  });
});

describe("MemoryStore", () => {
  const create = async (inputs: Values = memoryStore) => {
    const provider = providerOf(MemoryStoreProvider);
    const { id, outs } = await step(() => provider.create(inputs as never));
    emulator.clearRequests();
    return { provider, id, outs: outs as Values };
  };

  test("create sends name, description and metadata (MemoryStoreCreateParams)", async () => {
    const provider = providerOf(MemoryStoreProvider);
    const created = await attempt(() => provider.create(memoryStore as never));
    expectBody(onlyRequest("POST", "/memory_stores"), memoryStoreCreate, wireOf(memoryStore));
    expectEveryRequestFitsTheSdk();
    expect(created.error).toBeUndefined();
  });

  test("an update sends the changed fields, metadata as a patch with the removed key null (MemoryStoreUpdateParams)", async () => {
    const { provider, id, outs } = await create();
    const news = { name: "team-notes-2", description: "What we learned", metadata: { team: "ai" } };
    const updated = await attempt(() => provider.update(id, outs as never, news as never));
    expectBody(onlyRequest("POST", `/memory_stores/${id}`), memoryStoreUpdate, {
      name: "team-notes-2",
      description: "What we learned",
      metadata: { team: "ai", tier: null },
    });
    expectEveryRequestFitsTheSdk();
    expect(updated.error).toBeUndefined();
  });

  test("an update clearing the description sends a form the SDK accepts", async () => {
    const { provider, id, outs } = await create();
    await step(() => provider.update(id, outs as never, { name: memoryStore.name, metadata: memoryStore.metadata } as never));
    const body = onlyRequest("POST", `/memory_stores/${id}`).body as Values;
    expect(conformance(body, memoryStoreUpdate)).toEqual([]);
    expect([null, ""]).toContain(body.description);
  });

  test("destroy archives without a body, or deletes with deletionMode delete", async () => {
    const archived = await create();
    await step(() => archived.provider.delete(archived.id, archived.outs as never));
    expect(onlyRequest("POST", `/memory_stores/${archived.id}/archive`).body).toBeUndefined();
    const deleted = await create({ ...memoryStore, deletionMode: "delete" });
    await step(() => deleted.provider.delete(deleted.id, deleted.outs as never));
    expect(onlyRequest("DELETE", `/memory_stores/${deleted.id}`).body).toBeUndefined();
    expectEveryRequestFitsTheSdk();
  });
});
