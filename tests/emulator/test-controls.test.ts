import { startEmulator } from "../../emulator";
import { AGENT_ID, clientFor, createBody, ENVIRONMENT_ID, heldDelays, useEmulator } from "./support";

describe("test-facing controls", () => {
  const ctx = useEmulator();

  test("seedSession creates a session the API serves, keeping the token out of the wire", async () => {
    const seeded = ctx.emulator.seedSession({
      agent: { type: "agent", id: AGENT_ID, version: 2 },
      environment_id: ENVIRONMENT_ID,
      title: "Adopt me",
      metadata: { owner: "ops" },
      resources: [{ url: "https://github.com/acme/backend", mount_path: "/app/backend", authorization_token: "ghp_seed" }],
    });

    const reply = await ctx.api.get(`/sessions/${seeded.id}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: seeded.id, title: "Adopt me", metadata: { owner: "ops" }, agent: { version: 2 } });
    expect(reply.body.resources[0]).toMatchObject({ type: "github_repository", mount_path: "/app/backend" });
    expect(reply.text).not.toContain("ghp_seed");
    expect(seeded.resources[0]!.credentialHistory).toEqual(["ghp_seed"]);
    expect(ctx.emulator.requests).toHaveLength(1);
  });

  test("seedSession refuses input the API would refuse", () => {
    expect(() =>
      ctx.emulator.seedSession({
        agent: AGENT_ID,
        environment_id: ENVIRONMENT_ID,
        resources: [{ url: "https://github.com/a/b", authorization_token: "" }],
      }),
    ).toThrow(/authorization_token/);
  });

  test("seedSession keeps a given session id, creation time and resource ids, as a Session recorded elsewhere had them", async () => {
    const id = "sess_01a2122da1e67fd0b06ecfddab4bf955";
    const createdAt = "2026-01-02T03:04:05.123456Z";
    const seeded = ctx.emulator.seedSession({
      id,
      created_at: createdAt,
      agent: AGENT_ID,
      environment_id: ENVIRONMENT_ID,
      resources: [
        {
          id: "sesr_953997c3bca97da3cab2bbba",
          url: "https://github.com/acme/backend",
          mount_path: "/app/backend",
          authorization_token: "ghp_a",
        },
        { url: "https://github.com/acme/docs", authorization_token: "ghp_b", checkout: { type: "branch", name: "main" } },
      ],
    });

    expect(seeded).toMatchObject({ id, created_at: createdAt, updated_at: createdAt });
    const [backend, docs] = seeded.resources;
    expect(backend).toMatchObject({ id: "sesr_953997c3bca97da3cab2bbba", created_at: createdAt, credentialHistory: ["ghp_a"] });
    expect(docs!.id).toMatch(/^sesr_[0-9a-f]{24}$/);
    expect(docs).toMatchObject({ mount_path: "/data/workspace/docs", checkout: { type: "branch", name: "main" } });
    const reply = await ctx.api.get(`/sessions/${id}`);
    expect(reply.body).toMatchObject({ id, created_at: createdAt, resources: [{ id: "sesr_953997c3bca97da3cab2bbba" }, { id: docs!.id }] });
    expect((await ctx.api.get(`/sessions/${id}/resources/sesr_953997c3bca97da3cab2bbba`)).status).toBe(200);
    expect((await ctx.api.post(`/sessions/${id}/resources/sesr_953997c3bca97da3cab2bbba`, { authorization_token: "ghp_c" })).status).toBe(
      200,
    );
    expect(ctx.emulator.session(id)!.resources[0]!.credentialHistory).toEqual(["ghp_a", "ghp_c"]);
  });

  test("seedSession refuses a malformed or taken id, a malformed creation time, and an id on a memory store", () => {
    const base = { agent: AGENT_ID, environment_id: ENVIRONMENT_ID };
    const repo = (id?: string) => ({ id, url: "https://github.com/acme/backend", authorization_token: "ghp_a" });
    const taken = ctx.emulator.seedSession({ ...base, resources: [repo()] });

    expect(() => ctx.emulator.seedSession({ ...base, id: "sess_123" })).toThrow(/Emulator rejected the change: Session id 'sess_123'/);
    expect(() => ctx.emulator.seedSession({ ...base, id: taken.id })).toThrow(/already in use/);
    expect(() => ctx.emulator.seedSession({ ...base, created_at: "2026-01-02" })).toThrow(/RFC 3339/);
    expect(() => ctx.emulator.seedSession({ ...base, resources: [repo("sesr_1")] })).toThrow(/'sesr_1' is not/);
    expect(() => ctx.emulator.seedSession({ ...base, resources: [repo(taken.resources[0]!.id)] })).toThrow(/already in use/);
    const twice = "sesr_000000000000000000000001";
    expect(() => ctx.emulator.seedSession({ ...base, resources: [repo(twice), { ...repo(twice), mount_path: "/other" }] })).toThrow(
      /already in use/,
    );
    const memoryStore = { type: "memory_store", memory_store_id: "memstore_1", id: "sesr_000000000000000000000002" };
    expect(() => ctx.emulator.seedSession({ ...base, resources: [memoryStore as never] })).toThrow(/memory store has no id/);
    expect(ctx.emulator.sessions()).toHaveLength(1);
  });

  test("out-of-band archive, update and delete are visible over HTTP", async () => {
    const id = (await ctx.api.post("/sessions", createBody())).body.id;

    ctx.emulator.updateSession(id, { title: "Changed in the console", metadata: { drift: "yes" } });
    expect((await ctx.api.get(`/sessions/${id}`)).body).toMatchObject({ title: "Changed in the console", metadata: { drift: "yes" } });

    const archived = ctx.emulator.archiveSession(id);
    expect((await ctx.api.get(`/sessions/${id}`)).body.archived_at).toBe(archived.archived_at);

    ctx.emulator.deleteSession(id);
    expect((await ctx.api.get(`/sessions/${id}`)).status).toBe(404);
    expect(ctx.emulator.session(id)).toBeUndefined();
    expect(() => ctx.emulator.deleteSession(id)).toThrow(/was not found/);
  });

  test("snapshots are copies: changing them does not change the emulator", async () => {
    const seeded = ctx.emulator.seedSession({ agent: AGENT_ID, environment_id: ENVIRONMENT_ID, title: "original" });

    seeded.title = "mutated";
    ctx.emulator.sessions()[0]!.metadata.x = "y";

    expect((await ctx.api.get(`/sessions/${seeded.id}`)).body).toMatchObject({ title: "original", metadata: {} });
  });

  test("requests are recorded in order with redacted credentials, query, body and idempotency key", async () => {
    await ctx.api.post("/sessions", createBody(), { "idempotency-key": "k-1", "x-api-key": "secret-key" });
    await ctx.api.get("/sessions?limit=5&order=asc");

    const [create, list] = ctx.emulator.requests;
    expect(create).toMatchObject({ method: "POST", path: "/sessions", status: 201, idempotencyKey: "k-1", body: createBody() });
    expect(create!.headers.authorization).toBe("Bearer <redacted>");
    expect(create!.headers["x-api-key"]).toBe("<redacted>");
    expect(list).toMatchObject({ method: "GET", path: "/sessions", query: { limit: "5", order: "asc" }, status: 200, body: undefined });

    ctx.emulator.clearRequests();
    expect(ctx.emulator.requests).toHaveLength(0);
  });

  test("close ends open keep-alive connections and stops listening", async () => {
    const emulator = await startEmulator();
    const api = clientFor(emulator);
    expect((await api.get("/sessions")).status).toBe(200);

    await emulator.close();

    await expect(api.get("/sessions")).rejects.toThrow();
    await expect(emulator.close()).resolves.toBeUndefined();
  });

  test("close does not wait for a request held by latency, and the held request is never handled", async () => {
    const delays = heldDelays();
    const emulator = await startEmulator({ latencyMs: 10_000, sleep: delays.sleep });
    const pending = clientFor(emulator).post("/sessions", createBody());
    const outcome = pending.then(
      () => "answered",
      () => "failed",
    );
    const held = await delays.next();
    expect(held.ms).toBe(10_000);

    // The delay is still held (only this test can end it): if close waited for it, this would never resolve.
    await emulator.close();

    expect(await outcome).toBe("failed");
    held.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(emulator.requests.map((r) => r.status)).toEqual([null]);
    expect(emulator.sessions()).toEqual([]);
  });
});
