import { type RunningEmulator, startEmulator } from "../../emulator";
import { type EngineStack, rootProgramStack } from "../../engine/local-stack";
import { killedUp, liveSessionIds } from "./killed-run";

// Each test kills a real `pulumi up` (SIGKILL to the CLI and every process under it) at a chosen
// point, then runs `pulumi cancel` and `pulumi up` as the pipeline's next run would, and counts
// the Sessions that are live afterwards.

const QODER_TOKEN = "qoder_pat_crash_safe_4c1d";
const FIRST_TOKEN = "ghp_crash_safe_first_8a7b";
const NEXT_TOKEN = "ghp_crash_safe_next_6e5f";

const session = (mountPath = "/app/backend") => ({
  name: "survivor",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: "Kept alive across killed runs",
  repositories: [{ url: "https://github.com/acme/backend", mountPath }],
});

let emulator: RunningEmulator;
let engine: EngineStack;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  engine = await rootProgramStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, githubToken: FIRST_TOKEN, sessions: [session()] });
});
afterEach(async () => {
  await engine?.dispose();
  await emulator?.close();
});

/**
 * Kills an `up` once the API has committed a create it never answers. `sequence` picks which
 * create request stalls: after a destroy, the first one is answered with the archived Session.
 */
async function killAfterCommittedCreate(sequence = [true]): Promise<string> {
  const before = new Set(liveSessionIds(emulator));
  emulator.setFaults([{ route: "POST /sessions", kind: "stall-after-commit", sequence }]);
  const killed = await killedUp(engine, () => liveSessionIds(emulator).some((id) => !before.has(id)), "the create to be committed");
  expect(killed.length).toBeGreaterThanOrEqual(3); // the CLI, the language host and the provider at least
  emulator.setFaults([]);
  const made = liveSessionIds(emulator).filter((id) => !before.has(id));
  expect(made).toHaveLength(1);
  return made[0];
}

/** The GitHub token the Session's only repository holds now. */
const heldToken = (id: string) => emulator.session(id)!.resources[0].credentialHistory.at(-1);

test("a re-run with a new token converges on the Session the killed run created, and rotates its token", async () => {
  const committed = await killAfterCommittedCreate();
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: NEXT_TOKEN, secret: true });
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  expect(liveSessionIds(emulator)).toEqual([committed]);
  expect(heldToken(committed)).toBe(NEXT_TOKEN);
  expect((await engine.stack.outputs()).sessionIds.value.survivor).toBe(committed);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test.each([
  ["after pulumi destroy", async () => void (await engine.stack.destroy())],
  [
    "after the Session was archived behind Pulumi's back and refreshed away",
    async () => {
      emulator.archiveSession(liveSessionIds(emulator)[0]);
      await engine.stack.refresh();
    },
  ],
  [
    "after the Session was deleted behind Pulumi's back and refreshed away",
    async () => {
      emulator.deleteSession(liveSessionIds(emulator)[0]);
      await engine.stack.refresh();
    },
  ],
])("re-creation %s, killed mid-create, converges on one live Session", async (_when, removeFirst) => {
  await engine.stack.up();
  await removeFirst();
  expect(liveSessionIds(emulator)).toEqual([]);
  const committed = await killAfterCommittedCreate([false, true]);
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  expect(liveSessionIds(emulator)).toEqual([committed]);
  expect(heldToken(committed)).toBe(FIRST_TOKEN);
});

test("a replacement killed between creating the new Session and archiving the old one converges on the new one", async () => {
  await engine.stack.up();
  const [old] = liveSessionIds(emulator);
  await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify([session("/srv/backend")]) });
  // The archive of the old Session waits far longer than the test: the run is killed while it waits.
  emulator.setFaults([{ route: `POST /sessions/${old}/archive`, kind: "latency", delayMs: 600_000 }]);
  await killedUp(engine, () => emulator.requests.some((r) => r.path === `/sessions/${old}/archive`), "the old Session's archive");
  emulator.setFaults([]);
  const [replacement] = liveSessionIds(emulator).filter((id) => id !== old);

  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  expect(liveSessionIds(emulator)).toEqual([replacement]);
  expect(emulator.session(replacement)!.resources.map((r) => (r as { mount_path: string }).mount_path)).toEqual(["/srv/backend"]);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("two stacks, and two resources, with identical inputs stay separate Sessions", async () => {
  const twins = [session(), { ...session(), name: "twin" }];
  await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(twins) });
  const other = await rootProgramStack({
    apiUrl: emulator.url,
    qoderToken: QODER_TOKEN,
    githubToken: FIRST_TOKEN,
    sessions: twins,
    stackName: "prod",
  });
  try {
    await engine.stack.up();
    expect(liveSessionIds(emulator)).toHaveLength(2);
    // Another stack of the same project, declaring the very same Sessions.
    await other.stack.up();
    expect(liveSessionIds(emulator)).toHaveLength(4);
    await engine.stack.up();
    await other.stack.up();
    expect(liveSessionIds(emulator)).toHaveLength(4);
  } finally {
    await other.dispose();
  }
});

test("destroy, then up again the same day with a new token: the refused key leads to one new Session, not a failure", async () => {
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const [first] = liveSessionIds(emulator);
  await engine.stack.destroy();
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: NEXT_TOKEN, secret: true });
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const live = liveSessionIds(emulator);
  expect(live).toHaveLength(1);
  expect(live[0]).not.toBe(first);
  expect(heldToken(live[0])).toBe(NEXT_TOKEN);
  const creates = emulator.requests.filter((r) => r.method === "POST" && r.path === "/sessions").map((r) => r.status);
  expect(creates).toEqual([201, 409, 201]);
});
