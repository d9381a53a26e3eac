import type { ConfigMap } from "@pulumi/pulumi/automation";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";

const QODER_TOKEN = "qoder_pat_engine_test_5d1e8b2c";
const GITHUB_TOKEN = "ghp_engine_backend_7a6b5c4d3e";
const FRONTEND_TOKEN = "ghp_engine_frontend_9f8e7d6c5b";
const ROTATED_TOKEN = "ghp_engine_rotated_1a2b3c4d5e";
const ALL_SECRETS = [QODER_TOKEN, GITHUB_TOKEN, FRONTEND_TOKEN, ROTATED_TOKEN];

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
const initial: SessionConfig[] = [
  {
    name: "backend-fix",
    agent: "agent_019e390add9f",
    environmentId: "env_019e2590d33f",
    title: "Fix bug",
    repositories: [backend, frontend],
  },
  { name: "docs", agent: "agent_019e390add9f", environmentId: "env_019e2590d33f", repositories: [{ url: "https://github.com/acme/docs" }] },
];

function config(sessions: SessionConfig[], extra: ConfigMap = {}): ConfigMap {
  return {
    "qoder-sessions:sessions": { value: JSON.stringify(sessions) },
    "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
    "qoder-sessions:frontendToken": { value: FRONTEND_TOKEN, secret: true },
    ...extra,
  };
}

/** JSON paths under `value` whose string contains `needle`. */
function pathsContaining(value: unknown, needle: string, path = "$"): string[] {
  if (typeof value === "string") return value.includes(needle) ? [path] : [];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => pathsContaining(inner, needle, `${path}.${key}`));
  }
  return [];
}

let emulator: RunningEmulator;
let engine: EngineStack;
const writes = () => emulator.requests.filter((r) => r.method !== "GET");
const active = () => emulator.sessions().filter((s) => !s.archived_at);
const byTitle = (title: string) => active().find((s) => s.title === title)!;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  engine = await createEngineStack({
    source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
    config: config(initial, {
      "qoder:token": { value: QODER_TOKEN, secret: true },
      "qoder:apiUrl": { value: emulator.url },
    }),
  });
});

afterAll(async () => {
  await engine?.dispose();
  await emulator?.close();
});

describe("the root program under the real engine", () => {
  test("1. preview of a fresh stack lists the creates and sends no write", async () => {
    const preview = await engine.stack.preview();
    expect(preview.changeSummary.create).toBe(3); // the stack and two Sessions
    expect(writes()).toEqual([]);
  });

  test("2. up creates the Sessions with their repositories and tokens; preview and refresh then report nothing", async () => {
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges?.create).toBe(3);
    const session = byTitle("Fix bug");
    const held = Object.fromEntries(session.resources.map((r) => [(r as { mount_path: string }).mount_path, r.credentialHistory]));
    expect(held).toEqual({ "/app/backend": [GITHUB_TOKEN], "/app/frontend": [FRONTEND_TOKEN] });
    expect(active()).toHaveLength(2);
    const outputs = await engine.stack.outputs();
    expect(outputs.sessionIds.value["backend-fix"]).toBe(session.id);

    emulator.clearRequests();
    const preview = await engine.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    expect(writes()).toEqual([]);
  });

  test("3. a token change is an in-place update: one rotation, for that repository only", async () => {
    const before = byTitle("Fix bug");
    await engine.stack.setConfig("qoder-sessions:frontendToken", { value: ROTATED_TOKEN, secret: true });
    const preview = await engine.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    emulator.clearRequests();
    await engine.stack.up();
    const frontendResource = before.resources.find((r) => (r as { mount_path: string }).mount_path === "/app/frontend")!;
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /sessions/${before.id}/resources/${frontendResource.id}`]);
    const after = byTitle("Fix bug");
    expect(after.id).toBe(before.id);
    expect(after.resources.find((r) => r.id === frontendResource.id)!.credentialHistory).toEqual([FRONTEND_TOKEN, ROTATED_TOKEN]);
  });

  test("4. a mountPath change replaces: the new Session is created before the old one is archived", async () => {
    const before = byTitle("Fix bug");
    const moved = [{ ...initial[0], repositories: [{ ...backend, mountPath: "/srv/backend" }, frontend] }, initial[1]];
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(moved) });
    const preview = await engine.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, replace: 1 });
    emulator.clearRequests();
    await engine.stack.up();
    const after = byTitle("Fix bug");
    expect(after.id).not.toBe(before.id);
    expect(after.resources.map((r) => (r as { mount_path: string }).mount_path).sort()).toEqual(["/app/frontend", "/srv/backend"]);
    expect(emulator.session(before.id)!.archived_at).not.toBeNull();
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(["POST /sessions", `POST /sessions/${before.id}/archive`]);
    initial[0] = moved[0];
  });

  test("4b. a url change and an added repository also replace", async () => {
    const changed = [
      { ...initial[0], repositories: [...initial[0].repositories, { url: "https://github.com/acme/lib", mountPath: "/app/lib" }] },
      initial[1],
    ];
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(changed) });
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2, replace: 1 });
    const renamed = [initial[0], { ...initial[1], repositories: [{ url: "https://github.com/acme/handbook" }] }];
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(renamed) });
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2, replace: 1 });
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(initial) });
  });

  test("5. a title change is an in-place update", async () => {
    const before = byTitle("Fix bug");
    const retitled = [{ ...initial[0], title: "Fix the bug" }, initial[1]];
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(retitled) });
    emulator.clearRequests();
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /sessions/${before.id}`]);
    expect(emulator.session(before.id)!.title).toBe("Fix the bug");
    initial[0] = retitled[0];
  });

  test("6. a Session deleted or archived behind Pulumi's back is dropped by refresh and recreated by up", async () => {
    const gone = byTitle("Fix the bug");
    emulator.deleteSession(gone.id);
    const docs = active().find((s) => s.id !== gone.id)!;
    emulator.archiveSession(docs.id);
    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 1, delete: 2 });
    emulator.clearRequests();
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, create: 2 });
    expect(active()).toHaveLength(2);
  });

  test("7. adopting a Session made outside Pulumi sends no POST /sessions and rotates its token", async () => {
    const existing = emulator.seedSession({
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
      adoptSessionId: existing.id,
      repositories: [{ url: "https://github.com/acme/ops", mountPath: "/app/ops" }],
    };
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify([...initial, adopted]) });
    emulator.clearRequests();
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 3, create: 1 });
    expect(emulator.requests.some((r) => r.method === "POST" && r.path === "/sessions")).toBe(false);
    const session = emulator.session(existing.id)!;
    expect(session.title).toBe("Ops runbooks");
    expect(session.resources[0].credentialHistory).toEqual(["ghp_console_made_0000", GITHUB_TOKEN]);
    expect((await engine.stack.outputs()).sessionIds.value.ops).toBe(existing.id);
  });

  test("9. no token, in any form, in the exported state or anything the CLI printed; __provider is the thin shim", async () => {
    const deployment = await engine.exportState();
    const printed = engine.output.join("\n");
    for (const secret of ALL_SECRETS) {
      for (const form of [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(secret)]) {
        expect({ form, inState: pathsContaining(deployment, form) }).toEqual({ form, inState: [] });
        expect({ form, printed: printed.includes(form) }).toEqual({ form, printed: false });
      }
    }
    const sessions = deployment.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/qoder:Session");
    expect(sessions).toHaveLength(3);
    for (const resource of sessions) {
      const provider = resource.inputs!.__provider as string;
      expect(Buffer.byteLength(provider)).toBeLessThan(3 * 1024);
      expect(provider).toContain('require("pulumi-qoder/runtime")');
    }
  });

  test("10. destroy leaves no active Session", async () => {
    await engine.stack.destroy();
    expect(active()).toEqual([]);
  });
});
