import type { RunningEmulator } from "../../emulator";
import { type EngineStack, objectsStack, setDeclaredObjects } from "../../engine/local-stack";
import { apiCalls, perTestResources } from "./per-test";
import { secretForms, vaultProgramStack } from "./vault-program";

// Fidelity to the API as its SDK users meet it, through the real CLI against the emulator. The API
// keeps what an update leaves out, so a removal must be sent as an explicit clear; and the API
// answers with values normalised or filled in, which must read back as no change. Each test checks
// what a user sees (the CLI's change summary and preview text) and what reached the server.

const QODER_TOKEN = "qoder_pat_sdk_fidelity_5d9e";
const GITHUB_MCP_TOKEN = "mcp_github_token_fidelity_2b7c";
const GITHUB_MCP_NEXT = "mcp_github_token_rotated_8f1a";
const NPM_VALUE = "npm_secret_value_fidelity_4c6d";
const NPM_NEXT = "npm_secret_value_rotated_7e3b";
const SECRETS = [QODER_TOKEN, GITHUB_MCP_TOKEN, GITHUB_MCP_NEXT, NPM_VALUE, NPM_NEXT];

const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRETS.flatMap(secretForms));

const TIMEOUT = 240_000;

let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await newEmulator();
});

const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => ({ call: `${r.method} ${r.path}`, body: r.body }));
const idsOf = async (engine: EngineStack) => (await engine.stack.outputs()).ids.value as Record<string, string>;
const stackOf = async (objects: { kind: string; name: string; args: Record<string, unknown> }[]) =>
  track(await objectsStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, objects }));

// ---------------------------------------------------------------------------------------------
// Environments

const ENVIRONMENT = "pulumi-nodejs:dynamic/qoder:Environment";
const environment = (config: Record<string, unknown>, name = "ci") => ({
  kind: "Environment",
  name,
  args: { name: `backend-${name}`, config },
});

/** What the emulator holds for a config sent whole: the six lists tagged, the script only while set. */
function heldConfig(sent: Record<string, unknown>) {
  const { setup_script: script, packages, ...rest } = sent;
  return { ...rest, packages: { type: "packages", ...(packages as object) }, ...(script === null ? {} : { setup_script: script }) };
}

const noPackages = { apt: [], cargo: [], gem: [], go: [], npm: [], pip: [] };

test(
  "each removal from an environment's config previews as an update, is sent as an explicit clear, and leaves nothing to preview",
  async () => {
    const limited = { type: "limited", allowedHosts: ["api.github.com"], allowPackageManagers: true };
    const created = {
      type: "cloud",
      networking: limited,
      packages: { apt: ["git"], npm: ["pnpm"] },
      setupScript: "corepack enable",
    };
    const engine = await stackOf([environment(created)]);
    await engine.stack.up();
    const { ci: id } = await idsOf(engine);
    expect(emulator.environment(id)?.config).toEqual({
      type: "cloud",
      networking: { type: "limited", allowed_hosts: ["api.github.com"], allow_package_managers: true, allow_mcp_servers: false },
      packages: { type: "packages", ...noPackages, apt: ["git"], npm: ["pnpm"] },
      setup_script: "corepack enable",
    });

    const limitedWire = { type: "limited", allowed_hosts: ["api.github.com"], allow_package_managers: true, allow_mcp_servers: false };
    const steps: { removes: string; declared: Record<string, unknown>; shown: RegExp; sent: Record<string, unknown> }[] = [
      {
        removes: "setupScript",
        declared: { type: "cloud", networking: limited, packages: { apt: ["git"], npm: ["pnpm"] } },
        shown: /- setupScript\s*: "corepack enable"/,
        sent: { type: "cloud", networking: limitedWire, packages: { ...noPackages, apt: ["git"], npm: ["pnpm"] }, setup_script: null },
      },
      {
        removes: "npm's packages",
        declared: { type: "cloud", networking: limited, packages: { apt: ["git"] } },
        shown: /- npm\s*: \[/,
        sent: { type: "cloud", networking: limitedWire, packages: { ...noPackages, apt: ["git"] }, setup_script: null },
      },
      {
        removes: "all packages",
        declared: { type: "cloud", networking: limited },
        shown: /- packages\s*: \{/,
        sent: { type: "cloud", networking: limitedWire, packages: noPackages, setup_script: null },
      },
      {
        removes: "allowPackageManagers",
        declared: { type: "cloud", networking: { type: "limited", allowedHosts: ["api.github.com"] } },
        shown: /- allowPackageManagers\s*: true/,
        sent: { type: "cloud", networking: { ...limitedWire, allow_package_managers: false }, packages: noPackages, setup_script: null },
      },
      {
        removes: "limited networking",
        declared: { type: "cloud" },
        shown: /- networking\s*: \{/,
        sent: { type: "cloud", networking: { type: "unrestricted" }, packages: noPackages, setup_script: null },
      },
    ];

    for (const step of steps) {
      await setDeclaredObjects(engine, [environment(step.declared)]);
      emulator.clearRequests();
      const preview = await engine.stack.preview({ diff: true });
      expect({ removes: step.removes, summary: preview.changeSummary }).toEqual({ removes: step.removes, summary: { update: 1, same: 1 } });
      expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Environment: \(update\)/);
      expect(preview.stdout).toMatch(step.shown);
      expect(preview.stdout).not.toMatch(/replace/);

      expect((await engine.stack.up()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
      expect({ removes: step.removes, writes: writes() }).toEqual({
        removes: step.removes,
        writes: [{ call: `POST /environments/${id}`, body: { config: step.sent } }],
      });
      expect({ removes: step.removes, held: emulator.environment(id)?.config }).toEqual({
        removes: step.removes,
        held: heldConfig(step.sent),
      });
      expect({ removes: step.removes, after: (await engine.stack.preview()).changeSummary }).toEqual({
        removes: step.removes,
        after: { same: 2 },
      });
    }
    expect(emulator.environment(id)?.config).not.toHaveProperty("setup_script");
    expect(emulator.environments().map((e) => e.id)).toEqual([id]);
  },
  TIMEOUT * 2,
);

test(
  "an environment the API answers with tagged package lists and false flags refreshes and previews as unchanged",
  async () => {
    const engine = await stackOf([
      environment({
        type: "cloud",
        networking: { type: "limited", allowedHosts: ["api.github.com", "*.npmjs.org"], allowPackageManagers: true },
        packages: { npm: ["pnpm@9"] },
      }),
      environment({ type: "cloud" }, "plain"),
    ]);
    await engine.stack.up();
    const ids = await idsOf(engine);
    // The API's answer differs from the declaration in form only: every list, a type tag, every flag.
    expect(emulator.environment(ids.ci)?.config).toEqual({
      type: "cloud",
      networking: {
        type: "limited",
        allowed_hosts: ["api.github.com", "*.npmjs.org"],
        allow_package_managers: true,
        allow_mcp_servers: false,
      },
      packages: { type: "packages", ...noPackages, npm: ["pnpm@9"] },
    });
    expect(emulator.environment(ids.plain)?.config).toEqual({
      type: "cloud",
      networking: { type: "unrestricted" },
      packages: { type: "packages", ...noPackages },
    });

    emulator.clearRequests();
    expect((await engine.stack.up()).summary.resourceChanges).toEqual({ same: 3 });
    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    const preview = await engine.stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(preview.stdout).not.toMatch(/~ pulumi-nodejs:dynamic\/qoder:Environment/);
    expect(writes()).toEqual([]);
    expect(emulator.requests.filter((r) => r.path.startsWith("/environments/")).length).toBeGreaterThan(0);
    const state = (await engine.exportState()).deployment.resources.filter((r) => r.type === ENVIRONMENT);
    expect(state).toHaveLength(2);
  },
  TIMEOUT,
);

// ---------------------------------------------------------------------------------------------
// Vaults

const github = { type: "static_bearer", mcpServerUrl: "https://mcp.github.dev/v1", secretKey: "githubMcpToken" };
const npm = (extra: object = {}) => ({ type: "environment_variable", secretName: "NPM_TOKEN", secretKey: "npmValue", ...extra });
const vault = (credentials: object[]) => ({ displayName: "Team vault", credentials });
const setVault = (engine: EngineStack, declared: object) => engine.stack.setConfig("vaults:vault", { value: JSON.stringify(declared) });

async function vaultStack(declared: object): Promise<EngineStack> {
  const secrets = { githubMcpToken: GITHUB_MCP_TOKEN, npmValue: NPM_VALUE };
  return track(await vaultProgramStack({ emulator, qoderToken: QODER_TOKEN, declared, secrets }));
}

const vaultIdOf = async (engine: EngineStack) => (await engine.stack.outputs()).vaultId.value as string;

test(
  "a credential's limited networking is sent at create, widened in place without its secret name, and then reads back unchanged",
  async () => {
    const engine = await vaultStack(vault([npm({ networking: { type: "limited", allowedHosts: ["registry.npmjs.org"] } })]));
    await engine.stack.up();
    const id = await vaultIdOf(engine);
    const [credential] = emulator.vault(id)!.credentials;
    expect(writes()).toEqual([
      { call: "POST /vaults", body: expect.anything() },
      {
        call: `POST /vaults/${id}/credentials`,
        body: {
          auth: {
            type: "environment_variable",
            secret_name: "NPM_TOKEN",
            secret_value: NPM_VALUE,
            networking: { type: "limited", allowed_hosts: ["registry.npmjs.org"] },
          },
        },
      },
    ]);
    expect(credential.auth).toEqual(
      expect.objectContaining({ secret_name: "NPM_TOKEN", networking: { type: "limited", allowed_hosts: ["registry.npmjs.org"] } }),
    );
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });

    const wider = ["registry.npmjs.org", "npm.pkg.github.com"];
    await setVault(engine, vault([npm({ networking: { type: "limited", allowedHosts: wider } })]));
    emulator.clearRequests();
    const preview = await engine.stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
    expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Vault: \(update\)/);
    expect(preview.stdout).toMatch(/\+ \[1\]: "npm\.pkg\.github\.com"/);
    expect(preview.stdout).not.toMatch(/replace/);
    expect(apiCalls(emulator)).toEqual([]);

    expect((await engine.stack.up()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(writes()).toEqual([
      {
        call: `POST /vaults/${id}/credentials/${credential.id}`,
        body: {
          auth: {
            type: "environment_variable",
            secret_value: NPM_VALUE,
            networking: { type: "limited", allowed_hosts: wider },
          },
        },
      },
    ]);
    expect(emulator.vault(id)!.credentials.map((c) => [c.id, c.auth])).toEqual([
      [credential.id, expect.objectContaining({ secret_name: "NPM_TOKEN", networking: { type: "limited", allowed_hosts: wider } })],
    ]);
    expect(await vaultIdOf(engine)).toBe(id);

    emulator.clearRequests();
    expect((await engine.stack.refresh()).summary.resourceChanges).toEqual({ same: 2 });
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
    expect(writes()).toEqual([]);
  },
  TIMEOUT,
);

test(
  "rotating each credential type sends the new secret in place, never the URL or the secret name",
  async () => {
    const engine = await vaultStack(vault([github, npm()]));
    await engine.stack.up();
    const id = await vaultIdOf(engine);
    const [githubId, npmId] = emulator.vault(id)!.credentials.map((c) => c.id);

    await engine.stack.setConfig("vaults:githubMcpToken", { value: GITHUB_MCP_NEXT, secret: true });
    await engine.stack.setConfig("vaults:npmValue", { value: NPM_NEXT, secret: true });
    emulator.clearRequests();
    const preview = await engine.stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
    expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Vault: \(update\)/);
    expect(preview.stdout).toMatch(/~ tokenFingerprint\s*: "[0-9a-f]{12}" => "[0-9a-f]{12}"/);
    expect(preview.stdout).toMatch(/~ secretValueFingerprint\s*: "[0-9a-f]+" => "[0-9a-f]+"/);
    expect(preview.stdout).not.toMatch(/replace/);
    expect(apiCalls(emulator)).toEqual([]);

    expect((await engine.stack.up()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
    const sent = Object.fromEntries(writes().map((w) => [w.call, w.body]));
    expect(sent).toEqual({
      [`POST /vaults/${id}/credentials/${githubId}`]: { auth: { type: "static_bearer", token: GITHUB_MCP_NEXT } },
      [`POST /vaults/${id}/credentials/${npmId}`]: {
        auth: { type: "environment_variable", secret_value: NPM_NEXT, networking: { type: "unrestricted" } },
      },
    });
    expect(JSON.stringify(sent)).not.toMatch(/mcp_server_url|secret_name/);
    expect(emulator.vault(id)!.credentials.map((c) => [c.id, c.secretHistory])).toEqual([
      [githubId, [GITHUB_MCP_TOKEN, GITHUB_MCP_NEXT]],
      [npmId, [NPM_VALUE, NPM_NEXT]],
    ]);
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
  },
  TIMEOUT,
);

// ---------------------------------------------------------------------------------------------
// Agents

const AGENT = "pulumi-nodejs:dynamic/qoder:Agent";
const orderSchema = {
  type: "object",
  properties: { orderId: { type: "string", description: "The order's id" }, includeLineItems: { type: "boolean" } },
  required: ["orderId"],
};
/** An agent as a README user declares it: lower-case tool names, effort as a string, a skill unpinned, no description. */
const reviewer = (system = "You review pull requests.") => ({
  kind: "Agent",
  name: "reviewer",
  args: {
    name: "reviewer",
    model: { id: "ultimate", effort: "high" },
    system,
    tools: [
      { type: "agent_toolset_20260401", enabledTools: ["bash", "read"] },
      { type: "custom", name: "lookup_order", description: "Looks an order up", inputSchema: orderSchema },
    ],
    skills: [{ type: "qoder", skillId: "xlsx" }],
  },
});
/** A toolset with no enabledTools at all: the API answers the resolved list, configs and default_config. */
const asker = {
  kind: "Agent",
  name: "asker",
  args: {
    name: "asker",
    model: "ultimate",
    tools: [{ type: "agent_toolset_20260401", configs: [{ name: "bash", permissionPolicy: { type: "always_ask" } }] }],
  },
};

test(
  "agents the API answers normalised refresh with no update and preview unchanged, making no new version",
  async () => {
    const engine = await stackOf([reviewer(), asker]);
    await engine.stack.up();
    const ids = await idsOf(engine);

    const created = writes();
    expect(created.map((w) => w.call)).toEqual(["POST /agents", "POST /agents"]);
    const reviewerBody = created.find((w) => (w.body as { name: string }).name === "reviewer")!.body as Record<string, unknown>;
    // The custom tool's schema reaches the wire as written: camelCase property names unchanged.
    expect(reviewerBody.tools).toEqual([
      { type: "agent_toolset_20260401", enabled_tools: ["bash", "read"] },
      { type: "custom", name: "lookup_order", description: "Looks an order up", input_schema: orderSchema },
    ]);
    expect(reviewerBody).not.toHaveProperty("description");

    // What the API answers differs from the declaration in form only.
    const held = emulator.agent(ids.reviewer)!;
    expect(held).toEqual(
      expect.objectContaining({
        description: "",
        model: { id: "ultimate", effort: { type: "high" } },
        skills: [{ type: "qoder", skill_id: "xlsx", version: "1" }],
      }),
    );
    expect(held.tools[0]).toEqual(expect.objectContaining({ enabled_tools: ["Bash", "Read"] }));
    expect(held.tools[1]).toEqual(expect.objectContaining({ input_schema: orderSchema }));
    const askerTools = emulator.agent(ids.asker)!.tools[0];
    expect(askerTools).toEqual(
      expect.objectContaining({
        enabled_tools: expect.arrayContaining(["Bash", "Read", "WebFetch"]),
        configs: [{ name: "bash", permission_policy: { type: "always_ask" } }],
        default_config: expect.any(Object),
      }),
    );
    expect(emulator.agent(ids.asker)!.model).toBe("ultimate");

    emulator.clearRequests();
    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    const preview = await engine.stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(preview.stdout).not.toMatch(/~ pulumi-nodejs:dynamic\/qoder:Agent/);
    expect(writes()).toEqual([]);
    expect(emulator.agents().map((a) => [a.name, a.version, a.versions.length])).toEqual(
      expect.arrayContaining([
        ["reviewer", 1, 1],
        ["asker", 1, 1],
      ]),
    );
    const state = (await engine.exportState()).deployment.resources.filter((r) => r.type === AGENT);
    expect(state.map((r) => r.outputs!.version)).toEqual([1, 1]);
  },
  TIMEOUT,
);

test(
  "negative control: a system prompt changed outside Pulumi shows as one update on refresh and as drift in the preview",
  async () => {
    const engine = await stackOf([reviewer()]);
    await engine.stack.up();
    const { reviewer: id } = await idsOf(engine);
    emulator.updateAgent(id, { system: "Changed in the console." });

    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    emulator.clearRequests();
    const preview = await engine.stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
    expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Agent: \(update\)/);
    expect(preview.stdout).toMatch(/~ system\s*: "Changed in the console\." => "You review pull requests\."/);
    // Only the prompt drifted: nothing the API normalises shows as a change beside it.
    expect(preview.stdout).not.toMatch(/~ (model|tools|skills|description|enabledTools)\b/);
    expect(writes()).toEqual([]);
    expect(emulator.agent(id)!.version).toBe(2);
  },
  TIMEOUT,
);
