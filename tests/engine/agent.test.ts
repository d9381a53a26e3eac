import type { RunningEmulator } from "../../emulator";
import { AGENT_PROGRAM, createEngineStack, type EngineStack } from "../../engine/local-stack";
import { apiCalls, perTestResources } from "./per-test";

// An Agent and the Sessions that run it under the real CLI (demo/agent-program.ts): what reaches
// the API, what `pulumi preview --diff` shows, and what a change made outside Pulumi does.

const QODER_TOKEN = "qoder_pat_agent_engine_8c2f";
const GITHUB_TOKEN = "ghp_agent_engine_4a7b9c";
const AGENT_TYPE = "pulumi-nodejs:dynamic/qoder:Agent";

const agent = (system: string) => ({
  name: "reviewer",
  model: "ultimate",
  system,
  tools: [{ type: "agent_toolset_20260401", enabledTools: ["bash", "read"] }],
  metadata: { team: "platform" },
});
const sessions = [
  {
    name: "pinned",
    pin: true,
    environmentId: "env_019e2590d33f",
    title: "Pinned to the agent's version",
    repositories: [{ url: "https://github.com/acme/backend", mountPath: "/app/backend" }],
  },
  { name: "latest", pin: false, environmentId: "env_019e2590d33f", title: "Given the agent's id" },
];

const { newEmulator, track } = perTestResources(QODER_TOKEN, [QODER_TOKEN, GITHUB_TOKEN]);

let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await newEmulator();
});

async function agentStack(agentInputs: object, declaredSessions: object[] = sessions): Promise<EngineStack> {
  return track(
    await createEngineStack({
      source: { project: "qoder-agents", programJs: AGENT_PROGRAM },
      config: {
        "qoder:token": { value: QODER_TOKEN, secret: true },
        "qoder:apiUrl": { value: emulator.url },
        "qoder-agents:agent": { value: JSON.stringify(agentInputs) },
        "qoder-agents:sessions": { value: JSON.stringify(declaredSessions) },
        "qoder-agents:githubToken": { value: GITHUB_TOKEN, secret: true },
      },
    }),
  );
}

const setAgent = (engine: EngineStack, inputs: object) => engine.stack.setConfig("qoder-agents:agent", { value: JSON.stringify(inputs) });
const agentWrites = () => emulator.requests.filter((r) => r.method !== "GET" && r.path.startsWith("/agents"));
const onlyAgent = () => {
  const agents = emulator.agents();
  expect(agents).toHaveLength(1);
  return agents[0];
};
const liveSessions = () => emulator.sessions().filter((s) => !s.archived_at);
const stateVersion = async (engine: EngineStack) =>
  (await engine.exportState()).deployment.resources.find((r) => r.type === AGENT_TYPE)!.outputs!.version;

test("create: one POST /agents with the program's inputs in snake_case; the agent is at version 1 in the API and in state", async () => {
  const engine = await agentStack(agent("You review pull requests."));
  const { outputs } = await engine.stack.up();

  const created = agentWrites();
  expect(created.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /agents"]);
  expect(created[0].body).toEqual({
    name: "reviewer",
    model: "ultimate",
    system: "You review pull requests.",
    tools: [{ type: "agent_toolset_20260401", enabled_tools: ["bash", "read"] }],
    metadata: { team: "platform", "pulumi-qoder-create": expect.stringMatching(/^[0-9a-f]{64}$/) },
  });
  expect(onlyAgent()).toEqual(expect.objectContaining({ version: 1, system: "You review pull requests." }));
  expect(outputs.agentVersion.value).toBe(1);
  expect(await stateVersion(engine)).toBe(1);
  // Both Sessions run version 1: one pinned to it, one bound to the latest at create.
  expect(liveSessions().map((s) => [s.title, s.agent.version])).toEqual(
    expect.arrayContaining([
      ["Pinned to the agent's version", 1],
      ["Given the agent's id", 1],
    ]),
  );
});

test("an agent update: preview shows it and the pinned Session's replacement; up sends version 1, reaches version 2, replaces only that Session", async () => {
  const engine = await agentStack(agent("You review pull requests."));
  await engine.stack.up();
  const before = Object.fromEntries(liveSessions().map((s) => [s.title, s.id]));
  await setAgent(engine, agent("You review pull requests and suggest tests."));
  emulator.clearRequests();

  const { stdout } = await engine.stack.preview({ diff: true });
  expect(stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Agent: \(update\)/);
  expect(stdout).toMatch(/~ system\s*: "You review pull requests\." => "You review pull requests and suggest tests\."/);
  // While the agent is being updated its new version is unknown, so the pinned Session shows as replaced.
  expect(stdout).toMatch(/\+-pulumi-nodejs:dynamic\/qoder:Session: \(replace\)\s+\[id=[^\]]+\]\s+\[urn=[^\]]+::pinned\]/);
  expect(stdout).toMatch(/~ agent\s*: \{\s+id\s*: "agent_[0-9a-f]+"\s+~ version: 1 => \[unknown\]/);
  expect(stdout).not.toMatch(/::latest\]/);
  expect(stdout).toMatch(/~ 1 to update\s+\+-1 to replace/);
  expect(apiCalls(emulator)).toEqual([]);

  const up = await engine.stack.up();
  expect(up.summary.resourceChanges).toEqual(expect.objectContaining({ update: 1, replace: 1 }));
  const updates = agentWrites();
  expect(updates.map((r) => [`${r.method} ${r.path}`, r.body])).toEqual([
    [`POST /agents/${onlyAgent().id}`, { system: "You review pull requests and suggest tests.", version: 1 }],
  ]);
  expect(onlyAgent().version).toBe(2);
  expect(await stateVersion(engine)).toBe(2);
  expect(up.outputs.agentVersion.value).toBe(2);

  // One live pinned Session, new, at version 2; the old one archived. The other left alone.
  const pinned = liveSessions().filter((s) => s.title === "Pinned to the agent's version");
  expect(pinned.map((s) => s.agent.version)).toEqual([2]);
  expect(pinned[0].id).not.toBe(before["Pinned to the agent's version"]);
  expect(emulator.session(before["Pinned to the agent's version"])!.archived_at).toEqual(expect.any(String));
  expect(liveSessions().find((s) => s.title === "Given the agent's id")!.id).toBe(before["Given the agent's id"]);
  expect(up.outputs.sessionIds.value.pinned).toBe(pinned[0].id);
});

test("a change made outside Pulumi: refresh records it and the new version, and preview shows the program's way back", async () => {
  const engine = await agentStack(agent("You review pull requests."), []);
  await engine.stack.up();
  emulator.updateAgent(onlyAgent().id, { system: "Changed in the console.", metadata: { owner: "console" } });

  const refresh = await engine.stack.refresh();
  expect(refresh.summary.resourceChanges).toEqual(expect.objectContaining({ update: 1 }));
  expect(await stateVersion(engine)).toBe(2);

  emulator.clearRequests();
  const { stdout } = await engine.stack.preview({ diff: true });
  expect(stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Agent: \(update\)/);
  expect(stdout).toMatch(/~ system\s*: "Changed in the console\." => "You review pull requests\."/);
  expect(stdout).toMatch(/- owner: "console"/);
  expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);

  await engine.stack.up();
  expect(agentWrites().map((r) => r.body)).toEqual([{ system: "You review pull requests.", metadata: { owner: null }, version: 2 }]);
  expect(onlyAgent()).toEqual(
    expect.objectContaining({
      version: 3,
      system: "You review pull requests.",
      metadata: expect.not.objectContaining({ owner: "console" }),
    }),
  );
});

test("a version conflict: up fails naming both versions and telling to refresh, changing nothing; refresh then up succeed", async () => {
  const engine = await agentStack(agent("You review pull requests."), []);
  await engine.stack.up();
  const id = onlyAgent().id;
  emulator.updateAgent(id, { description: "Added in the console." });
  await setAgent(engine, agent("You review pull requests and suggest tests."));
  emulator.clearRequests();

  const failed = String(await engine.stack.up().catch((e: Error) => e));
  expect(failed).toContain(
    `Agent ${id} was changed outside Pulumi: the stack's state holds version 1, the API holds version 2. ` +
      "Nothing was changed. Run `pulumi refresh --run-program` to take that change into the stack's state, then `pulumi up` to apply the program to it",
  );
  // One refused update, no blind retry without the version, and the console's change intact.
  expect(agentWrites().map((r) => [r.body, r.status])).toEqual([
    [{ system: "You review pull requests and suggest tests.", version: 1 }, 409],
  ]);
  expect(onlyAgent()).toEqual(
    expect.objectContaining({ version: 2, system: "You review pull requests.", description: "Added in the console." }),
  );
  expect(await stateVersion(engine)).toBe(1);

  await engine.stack.refresh({ runProgram: true }); // the command the error names
  expect(await stateVersion(engine)).toBe(2);
  emulator.clearRequests();
  await engine.stack.up();
  expect(agentWrites().map((r) => [r.body, r.status])).toEqual([
    [{ system: "You review pull requests and suggest tests.", description: null, version: 2 }, 200],
  ]);
  expect(onlyAgent()).toEqual(expect.objectContaining({ version: 3, system: "You review pull requests and suggest tests." }));
  expect(await stateVersion(engine)).toBe(3);
});

test("destroy archives the agent (the API cannot delete one) and the Sessions", async () => {
  const engine = await agentStack(agent("You review pull requests."));
  await engine.stack.up();
  emulator.clearRequests();
  await engine.stack.destroy();
  const id = onlyAgent().id;
  expect(agentWrites().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /agents/${id}/archive`]);
  expect(onlyAgent().archived_at).toEqual(expect.any(String));
  expect(liveSessions()).toEqual([]);
});

test("invalid agent inputs are refused at preview, naming each property, before any request", async () => {
  const bad = {
    name: "reviewer",
    model: { id: "ultimate", effort: "extreme" },
    mcpServers: [{ type: "url", name: "weather", url: "ftp://mcp.example.com" }],
    skills: Array.from({ length: 21 }, (_, i) => ({ type: "custom", skillId: `skill_${i}` })),
  };
  const engine = await agentStack(bad);
  const refused = String(await engine.stack.preview().catch((e: Error) => e));
  expect(refused).toMatch(/property model\.effort .*has a problem: must be "low", "medium", "high", "xhigh" or "max"/);
  expect(refused).toMatch(/property mcpServers\[0\]\.url .*has a problem: must be an https:\/\/ URL, got ftp:\/\//);
  expect(refused).toMatch(/property skills .*has a problem: must have at most 20 skills/);

  // Checks across properties run once each property is valid on its own.
  const crossed = { ...agent("x"), mcpServers: [{ type: "url", name: "weather", url: "https://mcp.example.com/mcp" }] };
  const second = await agentStack({ ...crossed, tools: [{ type: "mcp_toolset", mcpServerName: "calendar" }] });
  expect(String(await second.stack.preview().catch((e: Error) => e))).toMatch(
    /property tools\[0\]\.mcpServerName .*has a problem: "calendar" names no entry of mcpServers \(declared: weather\)/,
  );
  expect(emulator.requests).toEqual([]);
});
