import { type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";

// A rate-limit storm: half of all requests answered 429 with `Retry-After: 1` (drawn from the
// emulator's seeded PRNG), with the provider's default settings. The rate-limit budget
// (README "Faults, crashes and retries") carries every Session through, where 4 retries did not.

const SESSIONS = 100;
const QODER_TOKEN = "qoder_pat_storm_7b1c42";
const FIRST_TOKEN = "ghp_storm_first_2d8e91";
const ROTATED_TOKEN = "ghp_storm_rotated_5f0a36";

const declared = Array.from({ length: SESSIONS }, (_, i) => ({
  name: `storm-${i}`,
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: `Storm ${i}`,
  repositories: [{ url: `https://github.com/acme/service-${i}`, mountPath: "/app/service" }],
}));

let emulator: RunningEmulator;
let engine: EngineStack;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN], faults: [{ kind: "429-retry-after", probability: 0.5 }], seed: 4242 });
  engine = await createEngineStack({
    source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
    config: {
      "qoder:token": { value: QODER_TOKEN, secret: true },
      "qoder:apiUrl": { value: emulator.url },
      "qoder-sessions:sessions": { value: JSON.stringify(declared) },
      "qoder-sessions:githubToken": { value: FIRST_TOKEN, secret: true },
    },
  });
});
afterAll(async () => {
  await engine?.dispose();
  await emulator?.close();
});

const live = () => emulator.sessions().filter((s) => !s.archived_at);

/** Runs `step` with a clean request log and prints what it took, for the record. */
async function measured<T>(what: string, step: () => Promise<T>): Promise<T> {
  emulator.clearRequests();
  const started = Date.now();
  const result = await step();
  const figures = {
    sessions: SESSIONS,
    injected429s: emulator.requests.filter((r) => r.fault === "429-retry-after").length,
    requests: emulator.requests.length,
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  console.log(`rate-limit storm, ${what}: ${JSON.stringify(figures)}`);
  // The storm really blew: about half of all requests were turned away.
  expect(figures.injected429s).toBeGreaterThan(figures.requests * 0.4);
  return result;
}

test(`up of ${SESSIONS} Sessions with half of all requests answered 429 completes with exactly ${SESSIONS} Sessions`, async () => {
  const up = await measured("up", () => engine.stack.up());
  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toEqual({ create: SESSIONS + 1 });

  expect(live()).toHaveLength(SESSIONS);
  expect(emulator.sessions()).toHaveLength(SESSIONS);
  expect(new Set(live().map((s) => s.title))).toEqual(new Set(declared.map((s) => s.title)));
  const state = await engine.exportState();
  const inState = state.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/qoder:Session");
  expect(inState).toHaveLength(SESSIONS);
  const ids = Object.values((await engine.stack.outputs()).sessionIds.value as Record<string, string>);
  expect(new Set(ids)).toEqual(new Set(live().map((s) => s.id)));
}, 600_000);

test(`rotating the token of all ${SESSIONS} Sessions under the same storm rotates every one`, async () => {
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: ROTATED_TOKEN, secret: true });
  const up = await measured("rotation", () => engine.stack.up());
  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toEqual({ update: SESSIONS, same: 1 });
  expect(live()).toHaveLength(SESSIONS);
  expect(live().map((s) => s.resources.map((r) => r.credentialHistory))).toEqual(
    Array.from({ length: SESSIONS }, () => [[FIRST_TOKEN, ROTATED_TOKEN]]),
  );
}, 600_000);
