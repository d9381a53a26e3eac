import type { RunningEmulator } from "../../emulator";
import { rootProgramStack } from "../../engine/local-stack";
import { apiCalls, perTestResources } from "./per-test";

// The root program's stack config declaring agents and environments, and Sessions naming them by
// key: the declared agent pinned (`pinAgent: true`) or bound by id, the declared environment by key.

const QODER_TOKEN = "qoder_pat_platform_root_6c2d";
const GITHUB_TOKEN = "ghp_platform_root_backend_3b9a";
const SECRET_FORMS = [QODER_TOKEN, GITHUB_TOKEN].flatMap((s) => [s, Buffer.from(s).toString("base64"), encodeURIComponent(s)]);

const agents = { reviewer: { name: "reviewer", model: "ultimate", system: "You review pull requests." } };
const environments = { ci: { name: "backend-ci", config: { type: "cloud", packages: { apt: ["jq"] } } } };
const repositories = [{ url: "https://github.com/acme/backend", mountPath: "/data/workspace/backend" }];
const sessions = [
  { name: "pinned", agent: "reviewer", pinAgent: true, environmentId: "ci", title: "pinned", repositories },
  { name: "latest", agent: "reviewer", environmentId: "ci", title: "latest", repositories },
];

const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRET_FORMS);
const live = (emulator: RunningEmulator) => emulator.sessions().filter((s) => !s.archived_at);
const titled = (emulator: RunningEmulator, title: string) => live(emulator).find((s) => s.title === title)!;

async function stackOn(emulator: RunningEmulator, declared = { agents, environments, sessions }) {
  return track(await rootProgramStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, githubToken: GITHUB_TOKEN, ...declared }));
}

test("Sessions name the stack's declared agent and environment; an agent change replaces only the pinned one", async () => {
  const emulator = await newEmulator();
  const engine = await stackOn(emulator);
  await engine.stack.up();

  const [agent] = emulator.agents();
  const [environment] = emulator.environments();
  expect([agent.name, agent.version, environment.name]).toEqual(["reviewer", 1, "backend-ci"]);
  expect(titled(emulator, "pinned")).toMatchObject({ environment_id: environment.id, agent: { id: agent.id, version: 1 } });
  expect(titled(emulator, "latest")).toMatchObject({ environment_id: environment.id, agent: { id: agent.id, version: 1 } });
  const outputs = await engine.stack.outputs();
  expect(outputs.agentVersions.value).toEqual({ reviewer: 1 });
  expect(outputs.environmentIds.value).toEqual({ ci: environment.id });
  const before = { pinned: titled(emulator, "pinned").id, latest: titled(emulator, "latest").id };

  const changed = { reviewer: { ...agents.reviewer, system: "You review pull requests and suggest tests." } };
  await engine.stack.setConfig("qoder-sessions:agents", { value: JSON.stringify(changed) });
  const preview = await engine.stack.preview();
  expect(preview.changeSummary).toMatchObject({ update: 1, replace: 1, same: 3 });
  await engine.stack.up();

  expect(emulator.agent(agent.id)!.version).toBe(2);
  expect(titled(emulator, "pinned").id).not.toBe(before.pinned);
  expect(titled(emulator, "pinned").agent.version).toBe(2);
  expect(emulator.session(before.pinned)!.archived_at).not.toBeNull();
  expect(titled(emulator, "latest").id).toBe(before.latest);
  await engine.stack.preview({ expectNoChanges: true });
});

test("a key that names no declared agent or environment is refused at preview, naming the declared keys", async () => {
  const emulator = await newEmulator();
  const engine = await stackOn(emulator, { agents, environments, sessions: [{ ...sessions[1], agent: "reveiwer" }] });
  await expect(engine.stack.preview()).rejects.toThrow(
    'sessions: "reveiwer" is neither agent id (agent_…) nor a key of the declared agents (reviewer)',
  );
  expect(apiCalls(emulator)).toEqual([]);
});
