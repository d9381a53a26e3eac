import { type RunningEmulator, startEmulator } from "../../emulator";
import { type EngineStack, rootProgramStack } from "../../engine/local-stack";

// What a reviewer reads in a pull request: `pulumi preview --diff`, as the CLI prints it.

const QODER_TOKEN = "qoder_pat_preview_text_6b2e";
const FIRST_TOKEN = "ghp_preview_first_3c4d5e";
const NEXT_TOKEN = "ghp_preview_next_7f8a9b";

const session = (backendMount: string) => [
  {
    name: "review",
    agent: "agent_019e390add9f",
    environmentId: "env_019e2590d33f",
    title: "Reviewed",
    repositories: [
      { url: "https://github.com/acme/backend", mountPath: backendMount, checkout: { branch: "main" } },
      { url: "https://github.com/acme/docs", mountPath: "/app/docs" },
    ],
  },
];

let emulator: RunningEmulator;
let engine: EngineStack;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  engine = await rootProgramStack({
    apiUrl: emulator.url,
    qoderToken: QODER_TOKEN,
    githubToken: FIRST_TOKEN,
    sessions: session("/app/backend"),
  });
  await engine.stack.up();
});
afterEach(async () => {
  await engine?.dispose();
  await emulator?.close();
});

const noToken = (text: string) => {
  for (const token of [QODER_TOKEN, FIRST_TOKEN, NEXT_TOKEN]) {
    expect(text).not.toContain(token);
    expect(text).not.toContain(Buffer.from(token).toString("base64"));
  }
};

test("a mount path change previews as a replace showing the repository's old and new mount path", async () => {
  await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(session("/srv/backend")) });
  const { stdout } = await engine.stack.preview({ diff: true });
  expect(stdout).toMatch(/\+-pulumi-nodejs:dynamic\/qoder:Session: \(replace\)/);
  expect(stdout).toMatch(/mountPath\s*:\s*"\/app\/backend" => "\/srv\/backend"/);
  expect(stdout).toContain('url       : "https://github.com/acme/backend"');
  expect(stdout).not.toMatch(/repositories\s*:\s*\[secret\]/);
  noToken(stdout);
});

test("a token change previews as an update that says a token changed and hides its value", async () => {
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: NEXT_TOKEN, secret: true });
  const { stdout } = await engine.stack.preview({ diff: true });
  expect(stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Session: \(update\)/);
  // Which repository's token changed shows by its fingerprint; the token itself never does.
  expect(stdout).toMatch(/~ authorizationTokenFingerprint: "[0-9a-f]{12}" => "[0-9a-f]{12}"/);
  expect(stdout).toMatch(/repositorySecrets\s*:\s*\[secret\]/);
  expect(stdout).not.toMatch(/~ mountPath/);
  noToken(stdout);
});

test("state keeps urls, mount paths and checkouts in plaintext and only the tokens secret", async () => {
  const state = await engine.exportState();
  const resource = state.deployment.resources.find((r) => r.type === "pulumi-nodejs:dynamic/qoder:Session")!;
  for (const properties of [resource.inputs!, resource.outputs!]) {
    expect(properties.repositories).toEqual([
      expect.objectContaining({ url: "https://github.com/acme/backend", mountPath: "/app/backend", checkout: { branch: "main" } }),
      expect.objectContaining({ url: "https://github.com/acme/docs", mountPath: "/app/docs" }),
    ]);
    expect(properties.repositorySecrets).toEqual(
      expect.objectContaining({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" }),
    );
    expect(properties.repositorySecrets).toHaveProperty("ciphertext");
  }
  noToken(JSON.stringify(state));
});
