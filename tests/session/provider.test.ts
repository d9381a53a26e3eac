import type { SessionInputs } from "../../provider/session/model";
import type { SessionState } from "../../provider/session/state";
import { BACKEND_TOKEN, backend, FRONTEND_TOKEN, frontend, inputs, providerAgainstEmulator, QODER_TOKEN } from "./against-emulator";

let env: Awaited<ReturnType<typeof providerAgainstEmulator>>;
beforeEach(async () => {
  env = await providerAgainstEmulator();
});
afterEach(() => env.close());

describe("create", () => {
  test("one POST /sessions with an Idempotency-Key, repositories mounted with their tokens", async () => {
    const outs = await env.create();
    const posts = env.writes();
    expect(posts.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /sessions"]);
    expect(posts[0].idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const session = env.emulator.session(outs.sessionId)!;
    const held = Object.fromEntries(session.resources.map((r) => [(r as { mount_path: string }).mount_path, r.credentialHistory]));
    expect(held).toEqual({ "/app/backend": [BACKEND_TOKEN], "/app/frontend": [FRONTEND_TOKEN] });
    expect(session.title).toBe("Fix bug in backend");
  });

  test("resource ids are matched to inputs by url and mount path, not position", async () => {
    const outs = await env.create();
    const session = env.emulator.session(outs.sessionId)!;
    for (const repo of outs.repositories) {
      const resource = session.resources.find((r) => r.id === repo.resourceId) as { url: string; mount_path: string };
      expect([resource.url, resource.mount_path]).toEqual([repo.url, repo.mountPath]);
    }
    expect(outs.mounts.map((m) => m.mountPath)).toEqual(["/app/backend", "/app/frontend"]);
  });

  test("a repository without mount path gets the API's mount path in mounts", async () => {
    const outs = await env.create({ ...inputs, repositories: [{ url: backend.url, authorizationToken: BACKEND_TOKEN }] });
    expect(outs.mounts[0].mountPath).toMatch(/backend$/);
    expect(outs.repositories[0].mountPath).toBeUndefined();
  });
});

describe("diff", () => {
  let outs: SessionState;
  beforeEach(async () => {
    outs = await env.create();
    env.emulator.clearRequests();
  });
  afterEach(() => expect(env.emulator.requests).toEqual([]));

  test.each([
    ["agent", { agent: "agent_other" }],
    ["environmentId", { environmentId: "env_other" }],
    ["vaultIds", { vaultIds: ["vault_1"] }],
    ["memoryStoreIds", { memoryStoreIds: ["memstore_1"] }],
    ["repositories", { repositories: [{ ...backend, url: "https://github.com/acme/backend-v2" }, frontend] }],
    ["repositories", { repositories: [{ ...backend, mountPath: "/srv/backend" }, frontend] }],
    ["repositories", { repositories: [{ ...backend, checkout: { branch: "dev" } }, frontend] }],
    ["repositories", { repositories: [backend] }],
  ])("changing %s replaces (no request sent)", async (property, patch) => {
    const result = await env.provider.diff(outs.sessionId, outs, { ...inputs, ...patch });
    expect(result.replaces).toEqual([property]);
    expect(result.deleteBeforeReplace).toBe(false);
  });

  test("reordering repositories changes nothing", async () => {
    const result = await env.provider.diff(outs.sessionId, outs, { ...inputs, repositories: [frontend, backend] });
    expect(result).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });
});

describe("update", () => {
  test("a token change rotates only that repository, in place", async () => {
    const outs = await env.create();
    env.emulator.clearRequests();
    const news = { ...inputs, repositories: [{ ...frontend, authorizationToken: "ghp_frontend_rotated_9" }, backend] };
    const result = await env.provider.update(outs.sessionId, outs, news);
    const frontendId = outs.repositories.find((r) => r.mountPath === "/app/frontend")!.resourceId;
    expect(env.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /sessions/${outs.sessionId}/resources/${frontendId}`]);
    const session = env.emulator.session(outs.sessionId)!;
    const history = session.resources.find((r) => r.id === frontendId)!.credentialHistory;
    expect(history).toEqual([FRONTEND_TOKEN, "ghp_frontend_rotated_9"]);
    expect(result.outs!.sessionId).toBe(outs.sessionId);
  });

  test("title and metadata are patched through POST /sessions/{id}", async () => {
    const outs = await env.create();
    env.emulator.clearRequests();
    await env.provider.update(outs.sessionId, outs, { ...inputs, title: "Renamed", metadata: { owner: "me" } });
    const writes = env.writes();
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /sessions/${outs.sessionId}`]);
    expect(writes[0].body).toEqual({ title: "Renamed", metadata: { owner: "me", team: null } });
    const session = env.emulator.session(outs.sessionId)!;
    expect([session.title, session.metadata]).toEqual(["Renamed", { owner: "me" }]);
  });
});

describe("adoption", () => {
  const seed = () =>
    env.emulator.seedSession({
      agent: { id: "agent_019e390add9f", version: 1 },
      environment_id: "env_019e2590d33f",
      title: "made elsewhere",
      resources: [
        { url: frontend.url, mount_path: frontend.mountPath, authorization_token: "ghp_old_front" },
        { url: backend.url, mount_path: backend.mountPath, authorization_token: "ghp_old_back" },
      ],
    });

  test("takes over a matching Session without POST /sessions and rotates its tokens", async () => {
    const existing = seed();
    const outs = (await env.provider.create({ ...inputs, adoptSessionId: existing.id })).outs as SessionState;
    expect(outs.sessionId).toBe(existing.id);
    expect(env.emulator.requests.some((r) => r.method === "POST" && r.path === "/sessions")).toBe(false);
    const session = env.emulator.session(existing.id)!;
    const latest = session.resources.map((r) => r.credentialHistory.at(-1)).sort();
    expect(latest).toEqual([BACKEND_TOKEN, FRONTEND_TOKEN].sort());
    expect(session.title).toBe("Fix bug in backend");
  });

  test("refuses a Session whose repositories differ, naming the difference", async () => {
    const existing = seed();
    const news = { ...inputs, repositories: [backend, { ...frontend, url: "https://github.com/acme/web" }], adoptSessionId: existing.id };
    await expect(env.provider.create(news)).rejects.toThrow(/cannot be adopted because .*does not mount https:\/\/github.com\/acme\/web/);
    expect(env.writes()).toEqual([]);
  });

  test("refuses a Session of another environment", async () => {
    const existing = seed();
    await expect(env.provider.create({ ...inputs, environmentId: "env_other", adoptSessionId: existing.id })).rejects.toThrow(
      /environment is env_019e2590d33f, not env_other/,
    );
  });
});

describe("read (refresh)", () => {
  test("reports the Session and its mounts, and picks up title drift", async () => {
    const outs = await env.create();
    env.emulator.updateSession(outs.sessionId, { title: "changed in console" });
    const result = await env.provider.read(outs.sessionId, outs);
    expect(result.id).toBe(outs.sessionId);
    expect((result.props as SessionState).title).toBe("changed in console");
    expect((result.inputs as { title: string }).title).toBe("changed in console");
  });

  test("a deleted Session reads as gone", async () => {
    const outs = await env.create();
    env.emulator.deleteSession(outs.sessionId);
    expect((await env.provider.read(outs.sessionId, outs)).id).toBe("");
  });

  test("an archived Session reads as gone", async () => {
    const outs = await env.create();
    env.emulator.archiveSession(outs.sessionId);
    expect((await env.provider.read(outs.sessionId, outs)).id).toBe("");
  });

  test("costs one request when the Session's own resources cover every repository", async () => {
    const outs = await env.create();
    env.emulator.clearRequests();
    await env.provider.read(outs.sessionId, outs);
    expect(env.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /sessions/${outs.sessionId}`]);
  });

  test("a repository removed behind Pulumi's back is recorded as drift, and the next diff replaces", async () => {
    const outs = await env.create();
    const frontendId = outs.repositories.find((repo) => repo.mountPath === "/app/frontend")!.resourceId!;
    await env.deleteResource(outs.sessionId, frontendId);
    const result = await env.provider.read(outs.sessionId, outs);
    const state = result.props as SessionState;
    expect(result.id).toBe(outs.sessionId);
    expect(state.repositories.map((repo) => repo.mountPath)).toEqual(["/app/backend"]);
    expect(state.mounts.map((mount) => mount.mountPath)).toEqual(["/app/backend"]);
    expect((result.inputs as SessionInputs).repositories.map((repo) => repo.mountPath)).toEqual(["/app/backend"]);
    expect((await env.provider.diff(outs.sessionId, state, inputs)).replaces).toEqual(["repositories"]);
  });

  test("resources are read across pages", async () => {
    const many = Array.from({ length: 3 }, (_, i) => ({
      url: `https://github.com/acme/r${i}`,
      mountPath: `/r/${i}`,
      authorizationToken: `ghp_tok_${i}_xx`,
    }));
    const outs = await env.create({ ...inputs, repositories: many });
    const result = await env.provider.read(outs.sessionId, outs);
    expect((result.props as SessionState).mounts.map((m) => m.mountPath)).toEqual(["/r/0", "/r/1", "/r/2"]);
  });
});

describe("delete", () => {
  test("archives by default", async () => {
    const outs = await env.create();
    await env.provider.delete(outs.sessionId, outs);
    expect(env.emulator.session(outs.sessionId)!.archived_at).not.toBeNull();
  });

  test('deletes with deletionMode "delete"', async () => {
    const outs = await env.create({ ...inputs, deletionMode: "delete" });
    await env.provider.delete(outs.sessionId, outs);
    expect(env.emulator.session(outs.sessionId)).toBeUndefined();
    expect(env.writes().at(-1)!.method).toBe("DELETE");
  });

  test.each(["archive", "delete"] as const)("a Session already gone counts as done (%s)", async (mode) => {
    const outs = await env.create({ ...inputs, deletionMode: mode });
    env.emulator.deleteSession(outs.sessionId);
    await expect(env.provider.delete(outs.sessionId, outs)).resolves.toBeUndefined();
  });
});

describe("errors carry no token", () => {
  test("a 401 names the token source and holds no token bytes", async () => {
    const { SessionProvider } = await import("../../provider/session/provider");
    const wrong = new SessionProvider({ apiUrl: env.emulator.url, token: "qoder_pat_wrong_token_1234" });
    const error = await wrong.create(inputs).catch((e: Error) => e);
    expect(String(error)).toMatch(/401 authentication_error.*provider options.*invalid or expired/);
    expect(String(error)).toMatch(/request_id/);
    for (const secret of ["qoder_pat_wrong_token_1234", QODER_TOKEN, BACKEND_TOKEN, FRONTEND_TOKEN]) {
      expect(String(error)).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
    await wrong.close();
  });

  test("a 404 on update names the id and request_id", async () => {
    const outs = await env.create();
    env.emulator.deleteSession(outs.sessionId);
    const error = await env.provider.update(outs.sessionId, outs, { ...inputs, title: "x" }).catch((e: Error) => e);
    expect(String(error)).toMatch(new RegExp(`404 not_found_error: Session '${outs.sessionId}' was not found.*request_id`));
    expect(String(error)).not.toContain(BACKEND_TOKEN);
  });
});

describe("state written by release 0.1.0 (tokens inside repositories, blank resource ids unknown)", () => {
  test("diff plans an update and no replace; the update sends nothing and stores the current shape", async () => {
    const outs = await env.create();
    // What 0.1.0 stored: every token inside its repository, no repositorySecrets, no fingerprints.
    const { repositorySecrets: _secrets, ...rest } = outs as SessionState & { repositorySecrets?: unknown };
    const old = {
      ...rest,
      repositories: inputs.repositories.map((repo, index) => ({ ...repo, resourceId: outs.repositories[index].resourceId })),
    } as unknown as SessionState;
    env.emulator.clearRequests();
    expect(await env.provider.diff(outs.sessionId, old, inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { outs: updated } = await env.provider.update(outs.sessionId, old, inputs);
    expect(env.emulator.requests).toEqual([]);
    expect(updated).toEqual(outs);
    expect(await env.provider.diff(outs.sessionId, updated as SessionState, inputs)).toMatchObject({ changes: false });
  });
});
