import { FAULT_KINDS, type FaultRule, type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";

const SESSIONS = Number(process.env.LOAD_SESSIONS ?? 200);
const FAULT_RATE = 0.1;
const QODER_TOKEN = "qoder_pat_load_test_1f0e";
const TOKENS = ["ghp_load_token_a_0001", "ghp_load_token_b_0002", "ghp_load_token_c_0003"];

// Every fault kind, taking turns on every tenth request: exactly 10% of all requests, each kind
// equally often, the same in every run. (Every rule counts every request, so entry i of each
// sequence is the i-th request.) A stall holds a request for the whole request timeout, so it is
// left to the crash-recovery test.
const kinds = FAULT_KINDS.filter((kind) => kind !== "stall-after-commit");
const every = Math.round(1 / FAULT_RATE);
const faults: FaultRule[] = kinds.map((kind, k) => ({
  kind,
  sequence: Array.from({ length: 20_000 }, (_, i) => i % every === 0 && (i / every) % kinds.length === k),
  ...(kind === "latency" && { delayMs: 200 }),
}));

const declared = Array.from({ length: SESSIONS }, (_, i) => ({
  name: `load-${i}`,
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: `Load ${i}`,
  repositories: ["api", "web", "docs"].map((repo, r) => ({
    url: `https://github.com/acme/${repo}-${i}`,
    mountPath: `/data/workspace/${repo}`,
    tokenKey: `token${r}`,
  })),
}));

let emulator: RunningEmulator;
let engine: EngineStack;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN], faults });
  engine = await createEngineStack({
    source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
    config: {
      "qoder:token": { value: QODER_TOKEN, secret: true },
      "qoder:apiUrl": { value: emulator.url },
      "qoder:maxRetries": { value: "8" },
      "qoder-sessions:sessions": { value: JSON.stringify(declared) },
      ...Object.fromEntries(TOKENS.map((token, r) => [`qoder-sessions:token${r}`, { value: token, secret: true }])),
    },
  });
});
afterAll(async () => {
  await engine?.dispose();
  await emulator?.close();
});

test(`one up of ${SESSIONS} Sessions (3 repositories each) with ${FAULT_RATE * 100}% injected faults makes exactly ${SESSIONS} Sessions; destroy leaves none active`, async () => {
  const up = await engine.stack.up({ parallel: 32 });
  expect(up.summary.result).toBe("succeeded");

  const sessions = emulator.sessions().filter((s) => !s.archived_at);
  expect(sessions).toHaveLength(SESSIONS);
  expect(new Set(sessions.map((s) => s.title)).size).toBe(SESSIONS);
  for (const session of sessions) {
    const i = Number(session.title!.replace("Load ", ""));
    const mounts = session.resources
      .map((r) => [(r as { url: string }).url, (r as { mount_path: string }).mount_path, r.credentialHistory.at(-1)])
      .sort();
    expect(mounts).toEqual(
      ["api", "web", "docs"].map((repo, r) => [`https://github.com/acme/${repo}-${i}`, `/data/workspace/${repo}`, TOKENS[r]]).sort(),
    );
  }
  const outputs = await engine.stack.outputs();
  expect(new Set(Object.values(outputs.sessionIds.value)).size).toBe(SESSIONS);

  await engine.stack.destroy({ parallel: 32 });
  const active = emulator.sessions().filter((s) => !s.archived_at);
  expect(active).toEqual([]);

  const posts = emulator.requests.filter((r) => r.method === "POST" && r.path === "/sessions");
  const faulted = emulator.requests.filter((r) => r.fault);
  const summary = {
    sessions: SESSIONS,
    createRequests: posts.length,
    distinctCreateKeys: new Set(posts.map((r) => r.idempotencyKey)).size,
    sessionsFound: emulator.sessions().length,
    requests: emulator.requests.length,
    faultsInjected: faulted.length,
    faultsByKind: Object.fromEntries(kinds.map((kind) => [kind, faulted.filter((r) => r.fault!.split(",").includes(kind)).length])),
  };
  console.log(`load summary: ${JSON.stringify(summary)}`);
  expect(summary.faultsInjected).toBeGreaterThanOrEqual(Math.floor(summary.requests * FAULT_RATE));
  expect(summary.sessionsFound).toBe(SESSIONS);
  expect(summary.distinctCreateKeys).toBe(SESSIONS);
});
