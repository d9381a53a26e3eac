import type { RunningEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";
import { liveSessionIds } from "./killed-run";
import { perTestResources } from "./per-test";

// A Session with a GitHub and a generic Git repository, through the real CLI and the root program
// (which reads a Git entry's password from the secret config key `gitPassword`).

const QODER_TOKEN = "qoder_pat_git_repos_5d1e";
const GITHUB_TOKEN = "ghp_git_repos_github_2f3a";
/** Passwords with spaces, "/", "+" and "&", so that their URL-encoded and base64 forms differ from the raw one. */
const FIRST_PASSWORD = "Correct Horse/Battery+Staple 1";
const NEXT_PASSWORD = "Tr0ub4dor&3 next/pass+word";
const SECRET_FORMS = [QODER_TOKEN, GITHUB_TOKEN, FIRST_PASSWORD, NEXT_PASSWORD].flatMap((secret) => [
  secret,
  Buffer.from(secret).toString("base64"),
  encodeURIComponent(secret),
]);
const SESSION_TYPE = "pulumi-nodejs:dynamic/qoder:Session";
const GIT_URL = "https://deploy@git.example.com/team/lib.git";

const sessions = (gitMountPath: string) => [
  {
    name: "mixed",
    agent: "agent_019e390add9f",
    environmentId: "env_019e2590d33f",
    title: "GitHub and Git",
    repositories: [
      { url: "https://github.com/acme/backend", mountPath: "/app/backend" },
      { type: "git", url: GIT_URL, mountPath: gitMountPath },
    ],
  },
];

// Every test also checks, after it ends, that nothing the CLI printed holds a secret in any form.
const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRET_FORMS);

let emulator: RunningEmulator;
let engine: EngineStack;

/** A stack of the root program declaring `declared` against a fresh emulator; `secrets` adds secret config keys. */
async function stackOf(declared: readonly object[], secrets: Record<string, string> = {}): Promise<void> {
  emulator = await newEmulator();
  const extra = Object.entries(secrets).map(([key, value]) => [`qoder-sessions:${key}`, { value, secret: true }]);
  engine = track(
    await createEngineStack({
      source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
      config: {
        "qoder:token": { value: QODER_TOKEN, secret: true },
        "qoder:apiUrl": { value: emulator.url },
        "qoder-sessions:sessions": { value: JSON.stringify(declared) },
        "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
        "qoder-sessions:gitPassword": { value: FIRST_PASSWORD, secret: true },
        ...Object.fromEntries(extra),
      },
    }),
  );
}

/** The mixed Session, brought `up` against a fresh emulator. */
async function upMixed(): Promise<string> {
  await stackOf(sessions("/app/lib"));
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const [id] = liveSessionIds(emulator);
  return id;
}

const writes = () => emulator.requests.filter((request) => request.method !== "GET");

/** The exported state (secrets encrypted, as a user exports it) holds no secret in any form. */
async function expectNoSecretInState(): Promise<void> {
  const state = JSON.stringify(await engine.exportState());
  const found = SECRET_FORMS.filter((form) => state.includes(form));
  expect(found).toEqual([]);
}

test("up mounts both; the API gets git_repository with the password; state shows the Git entry, not its password", async () => {
  const id = await upMixed();
  const create = writes().find((request) => request.path === "/sessions")!;
  expect((create.body as { resources: unknown[] }).resources).toEqual([
    { type: "github_repository", url: "https://github.com/acme/backend", mount_path: "/app/backend", authorization_token: GITHUB_TOKEN },
    { type: "git_repository", url: GIT_URL, mount_path: "/app/lib", password: FIRST_PASSWORD },
  ]);
  const held = emulator.session(id)!.resources.map((resource) => [resource.type, resource.credentialHistory]);
  expect(held).toEqual([
    ["github_repository", [GITHUB_TOKEN]],
    ["git_repository", [FIRST_PASSWORD]],
  ]);

  const state = await engine.exportState();
  const resource = state.deployment.resources.find((r) => r.type === SESSION_TYPE)!;
  expect(resource.outputs!.repositories).toEqual([
    expect.objectContaining({
      url: "https://github.com/acme/backend",
      authorizationTokenFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
    }),
    expect.objectContaining({
      type: "git",
      url: GIT_URL,
      mountPath: "/app/lib",
      passwordFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
    }),
  ]);
  expect(resource.outputs!.repositorySecrets).toHaveProperty("ciphertext");
  await expectNoSecretInState();
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("a password change previews as an update naming the Git repository's fingerprint, and up sends one rotation with { password }", async () => {
  const id = await upMixed();
  await engine.stack.setConfig("qoder-sessions:gitPassword", { value: NEXT_PASSWORD, secret: true });
  const preview = await engine.stack.preview({ diff: true });
  expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
  expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Session: \(update\)/);
  expect(preview.stdout).toMatch(/~ passwordFingerprint\s*: "[0-9a-f]{12}" => "[0-9a-f]{12}"/);
  expect(preview.stdout).not.toMatch(/authorizationTokenFingerprint\s*: "[0-9a-f]{12}" =>/);

  emulator.clearRequests();
  const up = await engine.stack.up();
  expect(up.summary.resourceChanges).toEqual({ update: 1, same: 1 });
  const gitId = emulator.session(id)!.resources.find((resource) => resource.type === "git_repository")!.id;
  expect(writes().map((request) => [`${request.method} ${request.path}`, request.body])).toEqual([
    [`POST /sessions/${id}/resources/${gitId}`, { password: NEXT_PASSWORD }],
  ]);
  expect(emulator.session(id)!.resources.map((resource) => resource.credentialHistory)).toEqual([
    [GITHUB_TOKEN],
    [FIRST_PASSWORD, NEXT_PASSWORD],
  ]);
  expect(liveSessionIds(emulator)).toEqual([id]);
  await expectNoSecretInState();
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("a mount path change of the Git repository previews and runs as a replace", async () => {
  const id = await upMixed();
  await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(sessions("/srv/lib")) });
  const preview = await engine.stack.preview({ diff: true });
  expect(preview.changeSummary).toEqual({ replace: 1, same: 1 });
  expect(preview.stdout).toMatch(/mountPath\s*: "\/app\/lib" => "\/srv\/lib"/);

  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const [replacement] = liveSessionIds(emulator);
  expect(replacement).not.toBe(id);
  expect(emulator.session(id)!.archived_at).not.toBeNull();
  const mounted = emulator.session(replacement)!.resources.find((resource) => resource.type === "git_repository")!;
  expect([(mounted as { mount_path: string }).mount_path, mounted.credentialHistory]).toEqual(["/srv/lib", [FIRST_PASSWORD]]);
  await expectNoSecretInState();
});

test("bad Git entries are refused at preview, naming the property, before any request; the password is never echoed", async () => {
  const leaked = "hunter2-in-url";
  const badSessions = [
    {
      ...sessions("/app/lib")[0],
      repositories: [
        { type: "git", url: "https://git.example.com/team/lib.git", mountPath: "/app/lib" },
        { type: "git", url: `https://deploy:${leaked}@git.example.com/team/ops.git`, mountPath: "/app/ops" },
        { type: "git", url: GIT_URL, mountPath: "/app/tools", passwordKey: "newlinePassword" },
      ],
    },
  ];
  await stackOf(badSessions, { newlinePassword: `${NEXT_PASSWORD}\n` });
  const refused = String(await engine.stack.preview().catch((e: Error) => e));
  expect(refused).toMatch(/property repositories\[0\]\.url .*has a problem: must embed the username/);
  expect(refused).toMatch(/property repositories\[1\]\.url .*has a problem: must not embed a password/);
  expect(refused).toMatch(/property repositories\[2\]\.password .*has a problem: must not start or end with whitespace/);
  expect(refused).not.toContain(leaked);
  expect(emulator.requests).toEqual([]);
});
