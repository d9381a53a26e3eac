import { type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";

const QODER_TOKEN = "qoder_pat_partial_test_6c2d";
const GITHUB_TOKEN = "ghp_partial_github_5e4f3a";

// Each test starts its own emulator, with one Session made outside Pulumi, and a stack that adopts it.
let emulator: RunningEmulator;
let engine: EngineStack;
let seeded: string;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  seeded = emulator.seedSession({
    agent: "agent_019e390add9f",
    environment_id: "env_019e2590d33f",
    resources: [
      { url: "https://github.com/acme/backend", mount_path: "/app/backend", authorization_token: "ghp_console_1" },
      { url: "https://github.com/acme/frontend", mount_path: "/app/frontend", authorization_token: "ghp_console_2" },
    ],
  }).id;
  const sessions = [
    {
      name: "adopted",
      agent: "agent_019e390add9f",
      environmentId: "env_019e2590d33f",
      title: "Adopted",
      adoptSessionId: seeded,
      repositories: [
        { url: "https://github.com/acme/backend", mountPath: "/app/backend" },
        { url: "https://github.com/acme/frontend", mountPath: "/app/frontend" },
      ],
    },
  ];
  engine = await createEngineStack({
    source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
    config: {
      "qoder:token": { value: QODER_TOKEN, secret: true },
      "qoder:apiUrl": { value: emulator.url },
      "qoder:maxRetries": { value: "1" },
      "qoder-sessions:sessions": { value: JSON.stringify(sessions) },
      "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
    },
  });
});
afterEach(async () => {
  await engine?.dispose();
  await emulator?.close();
});

test("a Session taken over but not fully set up stays in state, and the next up finishes it", async () => {
  const frontend = emulator.session(seeded)!.resources.find((r) => (r as { mount_path: string }).mount_path === "/app/frontend")!;
  emulator.setFaults([{ route: `POST /sessions/${seeded}/resources/${frontend.id}`, kind: "503" }]);
  await expect(engine.stack.up()).rejects.toThrow(/exists but is not fully set up/);

  const state = await engine.exportState();
  const session = state.deployment.resources.find((r) => r.type === "pulumi-nodejs:dynamic/qoder:Session") as {
    id?: string;
    initErrors?: string[];
  };
  expect(session.id).toBe(seeded);
  expect(session.initErrors?.join("\n")).toMatch(/503/);

  emulator.setFaults([]);
  emulator.clearRequests();
  const up = await engine.stack.up();
  expect(up.summary.result).toBe("succeeded");
  expect(emulator.requests.some((r) => r.method === "POST" && r.path === "/sessions")).toBe(false);
  const held = emulator.session(seeded)!.resources.map((r) => r.credentialHistory.at(-1));
  expect(held).toEqual([GITHUB_TOKEN, GITHUB_TOKEN]);
  expect(emulator.session(seeded)!.title).toBe("Adopted");
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("a token rotation that fails for one repository records which tokens the API holds", async () => {
  await engine.stack.up(); // the adoption, fully set up
  expect(emulator.session(seeded)!.resources.map((r) => r.credentialHistory.at(-1))).toEqual([GITHUB_TOKEN, GITHUB_TOKEN]);
  const resources = emulator.session(seeded)!.resources;
  const [backend, frontend] = ["/app/backend", "/app/frontend"].map(
    (path) => resources.find((r) => (r as { mount_path: string }).mount_path === path)!,
  );
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: "ghp_partial_rotated_9d8c", secret: true });
  emulator.setFaults([{ route: `POST /sessions/${seeded}/resources/${frontend.id}`, kind: "503" }]);
  await expect(engine.stack.up()).rejects.toThrow(/not fully set up/);
  expect(
    emulator
      .session(seeded)!
      .resources.find((r) => r.id === backend.id)!
      .credentialHistory.at(-1),
  ).toBe("ghp_partial_rotated_9d8c");

  emulator.setFaults([]);
  emulator.clearRequests();
  await engine.stack.up();
  // Only the repository whose rotation failed is rotated again.
  expect(emulator.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([`/sessions/${seeded}/resources/${frontend.id}`]);
  expect(emulator.session(seeded)!.resources.map((r) => r.credentialHistory.at(-1))).toEqual([
    "ghp_partial_rotated_9d8c",
    "ghp_partial_rotated_9d8c",
  ]);
});
