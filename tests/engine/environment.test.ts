import type { RunningEmulator } from "../../emulator";
import { type EngineStack, objectsStack, setDeclaredObjects } from "../../engine/local-stack";
import { apiCalls, perTestResources } from "./per-test";

// Environment through the real CLI against the emulator: the wire body, in-place updates, drift,
// and destroy, which archives an environment that Sessions outside Pulumi still use.

const QODER_TOKEN = "qoder_pat_environment_8d3b";
const TYPE = "pulumi-nodejs:dynamic/qoder:Environment";
const resources = perTestResources(QODER_TOKEN, [QODER_TOKEN]);

const limited = {
  type: "cloud",
  networking: { type: "limited", allowedHosts: ["api.github.com", "*.npmjs.org"], allowPackageManagers: true },
  packages: { apt: ["git"], npm: ["pnpm@9"] },
  setupScript: "corepack enable",
};
const environment = (args: Record<string, unknown> = {}) => ({
  kind: "Environment",
  name: "ci",
  args: { name: "backend-ci", description: "CI for the backend", config: limited, metadata: { team: "platform" }, ...args },
});

let emulator: RunningEmulator;
let engine: EngineStack;
beforeEach(async () => {
  emulator = await resources.newEmulator();
  engine = resources.track(await objectsStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, objects: [environment()] }));
});

const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => ({ call: `${r.method} ${r.path}`, body: r.body }));
const inState = async () => (await engine.exportState()).deployment.resources?.filter((r) => r.type === TYPE) ?? [];
const upAndId = async () => {
  await engine.stack.up();
  return ((await engine.stack.outputs()).ids.value as Record<string, string>).ci;
};

test("create sends the config in snake_case; the environment then previews unchanged", async () => {
  const id = await upAndId();
  expect(writes()).toEqual([
    {
      call: "POST /environments",
      body: {
        name: "backend-ci",
        description: "CI for the backend",
        config: {
          type: "cloud",
          networking: { type: "limited", allowed_hosts: ["api.github.com", "*.npmjs.org"], allow_package_managers: true },
          packages: { apt: ["git"], npm: ["pnpm@9"] },
          setup_script: "corepack enable",
        },
        metadata: { team: "platform", "pulumi-qoder-create": expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    },
  ]);
  expect(emulator.environment(id)?.config.networking).toEqual({
    type: "limited",
    allowed_hosts: ["api.github.com", "*.npmjs.org"],
    allow_package_managers: true,
    allow_mcp_servers: false,
  });
  expect((await engine.stack.outputs()).outputs.value.ci.config).toEqual(limited);
  expect((await engine.stack.refresh()).summary.resourceChanges).toEqual({ same: 2 });
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("a networking change previews as an update and is sent as one POST with the whole config, every member explicit, no replace", async () => {
  const id = await upAndId();
  await setDeclaredObjects(engine, [environment({ config: { ...limited, networking: { type: "unrestricted" } } })]);
  emulator.clearRequests();

  const preview = await engine.stack.preview({ diff: true });
  expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
  expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Environment: \(update\)/);
  expect(preview.stdout).toMatch(/~ type\s*: "limited" => "unrestricted"/);
  expect(preview.stdout).not.toMatch(/replace/);
  expect(apiCalls(emulator)).toEqual([]);

  expect((await engine.stack.up()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
  expect(writes()).toEqual([
    {
      call: `POST /environments/${id}`,
      body: {
        config: {
          type: "cloud",
          networking: { type: "unrestricted" },
          packages: { apt: ["git"], cargo: [], gem: [], go: [], npm: ["pnpm@9"], pip: [] },
          setup_script: "corepack enable",
        },
      },
    },
  ]);
  expect(emulator.environments().map((e) => e.id)).toEqual([id]);
  expect(emulator.environment(id)?.config.networking).toEqual({ type: "unrestricted" });
});

test("a config changed outside Pulumi: refresh records it, the preview shows the drift, up sets it back", async () => {
  const id = await upAndId();
  const held = emulator.environment(id)!;
  emulator.updateEnvironment(id, {
    config: { ...held.config, networking: { type: "limited", allowed_hosts: ["evil.example.com"], allow_mcp_servers: true } },
  });

  expect((await engine.stack.refresh()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
  const [state] = await inState();
  expect((state.outputs!.config as typeof limited).networking).toEqual({
    type: "limited",
    allowedHosts: ["evil.example.com"],
    allowPackageManagers: true,
    allowMcpServers: true,
  });
  const preview = await engine.stack.preview({ diff: true });
  expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
  expect(preview.stdout).toMatch(/"evil\.example\.com"/);
  expect(preview.stdout).toMatch(/- allowMcpServers\s*: true/);

  emulator.clearRequests();
  await engine.stack.up();
  expect(writes().map((w) => w.call)).toEqual([`POST /environments/${id}`]);
  expect(emulator.environment(id)?.config.networking).toEqual(held.config.networking);
});

test("destroy deletes the environment", async () => {
  const id = await upAndId();
  emulator.clearRequests();
  expect((await engine.stack.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
  expect(writes().map((w) => w.call)).toEqual([`DELETE /environments/${id}`]);
  expect(emulator.environment(id)).toBeUndefined();
  expect(await inState()).toEqual([]);
});

test("destroy while a Session outside Pulumi uses the environment archives it, and the CLI output says so", async () => {
  const id = await upAndId();
  const session = emulator.seedSession({ agent: "agent_019e390add9f", environment_id: id });
  emulator.clearRequests();

  const destroy = await engine.stack.destroy();
  expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
  expect(writes().map((w) => w.call)).toEqual([`DELETE /environments/${id}`, `POST /environments/${id}/archive`]);
  expect(emulator.requests[0].status).toBe(409);
  expect(emulator.environment(id)?.archived_at).toEqual(expect.any(String));
  expect(destroy.stdout).toContain(`Environment "backend-ci" (${id}) was archived, not deleted: Sessions still use it`);
  expect(destroy.stdout).toContain(session.id);
  expect(await inState()).toEqual([]);
});

test("an environment archived outside Pulumi reads as gone on refresh, and up creates another", async () => {
  const id = await upAndId();
  emulator.archiveEnvironment(id);
  expect((await engine.stack.refresh()).summary.resourceChanges).toEqual({ delete: 1, same: 1 });
  expect(await inState()).toEqual([]);
  const next = await upAndId();
  expect(next).not.toBe(id);
  expect(emulator.environment(next)?.archived_at).toBeNull();
});

test("bad inputs are refused at preview, naming the property, before any request", async () => {
  const bad = environment({
    config: { type: "cloud", networking: { type: "limited", allowedHosts: ["https://api.github.com/v3"] }, packages: { brew: ["jq"] } },
  });
  await setDeclaredObjects(engine, [bad]);
  const refused = String(await engine.stack.preview().catch((e: Error) => e));
  expect(refused).toMatch(
    /property config\.networking\.allowedHosts\[0\] .*has a problem: must be a host name such as "api\.github\.com" or "\*\.github\.com", without a scheme; use "api\.github\.com"/,
  );
  expect(refused).toMatch(
    /property config\.packages .*has a problem: has unknown field\(s\) "brew"; expected apt, cargo, gem, go, npm, pip/,
  );

  await setDeclaredObjects(engine, [environment({ config: { type: "self_hosted" } })]);
  const selfHosted = String(await engine.stack.preview().catch((e: Error) => e));
  expect(selfHosted).toMatch(
    /property config\.type .*has a problem: must be "cloud" \(self-hosted environments are not supported by this provider\)/,
  );
  expect(emulator.requests).toEqual([]);
});
