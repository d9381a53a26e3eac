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
