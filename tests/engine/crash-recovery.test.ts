import { type RunningEmulator, startEmulator } from "../../emulator";
import { type EngineStack, rootProgramStack } from "../../engine/local-stack";
import { killedUp } from "./killed-run";

const QODER_TOKEN = "qoder_pat_crash_test_2b8e1f";
const sessions = [
  {
    name: "survivor",
    agent: "agent_019e390add9f",
    environmentId: "env_019e2590d33f",
    title: "Created while the pipeline was killed",
    repositories: [{ url: "https://github.com/acme/backend", mountPath: "/app/backend" }],
  },
];

let emulator: RunningEmulator;
let engine: EngineStack;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  engine = await rootProgramStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, githubToken: "ghp_crash_test_github_77", sessions });
});
afterAll(async () => {
  await engine?.dispose();
  await emulator?.close();
});

test("pulumi up killed (SIGKILL) after the API committed a create: the next up converges on that one Session", async () => {
  // The API commits the create and then never answers, as if the pipeline died right after.
  emulator.setFaults([{ route: "POST /sessions", kind: "stall-after-commit", times: 1 }]);
  // The CLI, the language host, the provider wrapper and its node process: all killed, none left running.
  const killed = await killedUp(engine, () => emulator.sessions().length === 1, "the create to be committed");
  expect(killed.length).toBeGreaterThanOrEqual(3);
  const committed = emulator.sessions()[0].id;

  emulator.setFaults([]);
  emulator.clearRequests();
  const up = await engine.stack.up();
  expect(up.summary.result).toBe("succeeded");
  expect(emulator.sessions().map((session) => session.id)).toEqual([committed]);
  expect((await engine.stack.outputs()).sessionIds.value.survivor).toBe(committed);
  expect(engine.output.join("\n")).toContain(`Session ${committed} was created by an earlier, interrupted run`);

  emulator.clearRequests();
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
  await engine.stack.destroy();
  expect(emulator.sessions().filter((session) => !session.archived_at)).toEqual([]);
});
