import type { ConfigMap } from "@pulumi/pulumi/automation";
import type { EmulatedSession, RunningEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";
import { perTestResources } from "./per-test";

// Every test starts its own emulator and its own stack (creating an emulator takes milliseconds;
// the time goes into the engine), so each one can run alone and in any order.

const QODER_TOKEN = "qoder_pat_engine_test_5d1e8b2c";
const GITHUB_TOKEN = "ghp_engine_backend_7a6b5c4d3e";
const FRONTEND_TOKEN = "ghp_engine_frontend_9f8e7d6c5b";
const ROTATED_TOKEN = "ghp_engine_rotated_1a2b3c4d5e";
const ALL_SECRETS = [QODER_TOKEN, GITHUB_TOKEN, FRONTEND_TOKEN, ROTATED_TOKEN];
/** Each token raw, base64-encoded and URL-encoded. */
const SECRET_FORMS = ALL_SECRETS.flatMap((secret) => [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(secret)]);

interface RepoConfig {
  url: string;
  mountPath?: string;
  tokenKey?: string;
}
interface SessionConfig {
  name: string;
  agent: string;
  environmentId: string;
  title?: string;
  repositories: RepoConfig[];
  deletionMode?: string;
  adoptSessionId?: string;
}

const backend: RepoConfig = { url: "https://github.com/acme/backend", mountPath: "/app/backend" };
const frontend: RepoConfig = { url: "https://github.com/acme/frontend", mountPath: "/app/frontend", tokenKey: "frontendToken" };
const backendFix: SessionConfig = {
  name: "backend-fix",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: "Fix bug",
  repositories: [backend, frontend],
};
const docs: SessionConfig = {
  name: "docs",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  repositories: [{ url: "https://github.com/acme/docs" }],
};
/** What every stack declares at first: two Sessions, so the stack has three resources. */
const initial: readonly SessionConfig[] = [backendFix, docs];

/** Seeds a Session "made in the console" and returns the config that adopts it. */
function seedOpsSession(emulator: RunningEmulator): { seeded: EmulatedSession; adopted: SessionConfig } {
  const seeded = emulator.seedSession({
    agent: "agent_019e390add9f",
    environment_id: "env_019e2590d33f",
    title: "made in the console",
    resources: [{ url: "https://github.com/acme/ops", mount_path: "/app/ops", authorization_token: "ghp_console_made_0000" }],
  });
  const adopted: SessionConfig = {
    name: "ops",
    agent: "agent_019e390add9f",
    environmentId: "env_019e2590d33f",
    title: "Ops runbooks",
    adoptSessionId: seeded.id,
    repositories: [{ url: "https://github.com/acme/ops", mountPath: "/app/ops" }],
  };
  return { seeded, adopted };
}

/** JSON paths under `value` whose string contains `needle`. */
function pathsContaining(value: unknown, needle: string, path = "$"): string[] {
  if (typeof value === "string") return value.includes(needle) ? [path] : [];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => pathsContaining(inner, needle, `${path}.${key}`));
  }
  return [];
}

const mountPath = (resource: unknown) => (resource as { mount_path: string }).mount_path;
/** Requests other than GET since the log was last cleared. */
const writes = (emulator: RunningEmulator) => emulator.requests.filter((r) => r.method !== "GET");
const writeLines = (emulator: RunningEmulator) => writes(emulator).map((r) => `${r.method} ${r.path}`);
const active = (emulator: RunningEmulator) => emulator.sessions().filter((s) => !s.archived_at);
const byTitle = (emulator: RunningEmulator, title: string) => active(emulator).find((s) => s.title === title)!;
const setSessions = (engine: EngineStack, sessions: readonly SessionConfig[]) =>
  engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(sessions) });

const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRET_FORMS);

/** A new stack of the root program declaring `sessions`, pointed at `emulator`; nothing deployed yet. */
async function stackOn(emulator: RunningEmulator, sessions: readonly SessionConfig[] = initial): Promise<EngineStack> {
  const config: ConfigMap = {
    "qoder-sessions:sessions": { value: JSON.stringify(sessions) },
    "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
    "qoder-sessions:frontendToken": { value: FRONTEND_TOKEN, secret: true },
    "qoder:token": { value: QODER_TOKEN, secret: true },
    "qoder:apiUrl": { value: emulator.url },
  };
  const engine = await createEngineStack({ source: { project: "qoder-sessions", programJs: ROOT_PROGRAM }, config });
  track(engine);
  return engine;
}

/** A fresh emulator and a stack of the initial declaration on it, after its first `up`. */
async function deployed() {
  const emulator = await newEmulator();
  const engine = await stackOn(emulator);
  const up = await engine.stack.up();
  return { emulator, engine, up };
}

describe("the root program under the real engine", () => {
  test("a preview of a fresh stack lists the creates and sends no write", async () => {
    const emulator = await newEmulator();
    const engine = await stackOn(emulator);
    const preview = await engine.stack.preview();
    expect(preview.changeSummary.create).toBe(3); // the stack and two Sessions
    expect(writes(emulator)).toEqual([]);
  });

  test("up creates the Sessions with their repositories and tokens; a preview and a refresh after it change nothing and write nothing", async () => {
    const { emulator, engine, up } = await deployed();
    expect(up.summary.resourceChanges?.create).toBe(3);
    const session = byTitle(emulator, "Fix bug");
    const held = Object.fromEntries(session.resources.map((r) => [mountPath(r), r.credentialHistory]));
    expect(held).toEqual({ "/app/backend": [GITHUB_TOKEN], "/app/frontend": [FRONTEND_TOKEN] });
    expect(active(emulator)).toHaveLength(2);
    const outputs = await engine.stack.outputs();
    expect(outputs.sessionIds.value["backend-fix"]).toBe(session.id);

    emulator.clearRequests();
    const preview = await engine.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    expect(writes(emulator)).toEqual([]);
  });

  test("a token change is an in-place update: one rotation, for that repository only", async () => {
    const { emulator, engine } = await deployed();
    const before = byTitle(emulator, "Fix bug");
    await engine.stack.setConfig("qoder-sessions:frontendToken", { value: ROTATED_TOKEN, secret: true });
    const preview = await engine.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    emulator.clearRequests();
    await engine.stack.up();
    const frontendResource = before.resources.find((r) => mountPath(r) === "/app/frontend")!;
    expect(writeLines(emulator)).toEqual([`POST /sessions/${before.id}/resources/${frontendResource.id}`]);
    const after = byTitle(emulator, "Fix bug");
    expect(after.id).toBe(before.id);
    expect(after.resources.find((r) => r.id === frontendResource.id)!.credentialHistory).toEqual([FRONTEND_TOKEN, ROTATED_TOKEN]);
  });

  test("a changed url or mountPath, or an added repository, replaces the Session: the new one is created before the old one is archived", async () => {
    const { emulator, engine } = await deployed();
    const added = [
      { ...backendFix, repositories: [...backendFix.repositories, { url: "https://github.com/acme/lib", mountPath: "/app/lib" }] },
      docs,
    ];
    await setSessions(engine, added);
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2, replace: 1 });
    const renamed = [backendFix, { ...docs, repositories: [{ url: "https://github.com/acme/handbook" }] }];
    await setSessions(engine, renamed);
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2, replace: 1 });

    const before = byTitle(emulator, "Fix bug");
    const moved = [{ ...backendFix, repositories: [{ ...backend, mountPath: "/srv/backend" }, frontend] }, docs];
    await setSessions(engine, moved);
    const preview = await engine.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, replace: 1 });
    emulator.clearRequests();
    await engine.stack.up();
    const after = byTitle(emulator, "Fix bug");
    expect(after.id).not.toBe(before.id);
    expect(after.resources.map(mountPath).sort()).toEqual(["/app/frontend", "/srv/backend"]);
    expect(emulator.session(before.id)!.archived_at).not.toBeNull();
    expect(writeLines(emulator)).toEqual(["POST /sessions", `POST /sessions/${before.id}/archive`]);
  });

  test("a title change is an in-place update", async () => {
    const { emulator, engine } = await deployed();
    const before = byTitle(emulator, "Fix bug");
    await setSessions(engine, [{ ...backendFix, title: "Fix the bug" }, docs]);
    emulator.clearRequests();
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(writeLines(emulator)).toEqual([`POST /sessions/${before.id}`]);
    expect(emulator.session(before.id)!.title).toBe("Fix the bug");
  });

  test("a Session deleted or archived behind Pulumi's back is dropped by refresh and recreated by up", async () => {
    const { emulator, engine } = await deployed();
    const gone = byTitle(emulator, "Fix bug");
    emulator.deleteSession(gone.id);
    const other = active(emulator).find((s) => s.id !== gone.id)!;
    emulator.archiveSession(other.id);
    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 1, delete: 2 });
    emulator.clearRequests();
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, create: 2 });
    expect(active(emulator)).toHaveLength(2);
  });

  test("adopting a Session made outside Pulumi sends no POST /sessions and rotates its token", async () => {
    const { emulator, engine } = await deployed();
    const { seeded, adopted } = seedOpsSession(emulator);
    await setSessions(engine, [...initial, adopted]);
    emulator.clearRequests();
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 3, create: 1 });
    expect(emulator.requests.some((r) => r.method === "POST" && r.path === "/sessions")).toBe(false);
    const session = emulator.session(seeded.id)!;
    expect(session.title).toBe("Ops runbooks");
    expect(session.resources[0].credentialHistory).toEqual(["ghp_console_made_0000", GITHUB_TOKEN]);
    expect((await engine.stack.outputs()).sessionIds.value.ops).toBe(seeded.id);
  });

  test("through create, rotation, replacement, adoption, refresh and destroy no token in any form reaches the state or the CLI output; __provider is the thin shim; destroy leaves no active Session", async () => {
    const { emulator, engine } = await deployed();
    const { adopted } = seedOpsSession(emulator);
    await engine.stack.setConfig("qoder-sessions:frontendToken", { value: ROTATED_TOKEN, secret: true });
    await setSessions(engine, [backendFix, { ...docs, repositories: [{ url: "https://github.com/acme/handbook" }] }, adopted]);
    await engine.stack.preview();
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1, replace: 1, create: 1 });
    await engine.stack.refresh();

    const deployment = await engine.exportState();
    for (const form of SECRET_FORMS) expect({ form, inState: pathsContaining(deployment, form) }).toEqual({ form, inState: [] });
    const sessions = deployment.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/qoder:Session");
    expect(sessions).toHaveLength(3);
    for (const resource of sessions) {
      const provider = resource.inputs!.__provider as string;
      expect(Buffer.byteLength(provider)).toBeLessThan(3 * 1024);
      expect(provider).toContain('require("pulumi-qoder/runtime")');
    }

    await engine.stack.destroy();
    expect(active(emulator)).toEqual([]); // the adopted Session included
    const printed = engine.output.join("\n");
    for (const form of SECRET_FORMS) expect({ form, printed: printed.includes(form) }).toEqual({ form, printed: false });
  });
});
