import { startEmulator } from "../../emulator";
import { AGENT_ID, clientFor, createBody, ENVIRONMENT_ID, TIMESTAMP, useEmulator } from "./support";

describe("sessions", () => {
  const ctx = useEmulator();

  // The Session shape: docs/api-contract.md#sessions.
  test("create answers 201 with the Session shape and never echoes the token", async () => {
    const reply = await ctx.api.post("/sessions", createBody({ metadata: { team: "core" } }));

    expect(reply.status).toBe(201);
    const session = reply.body;
    expect(session).toEqual({
      id: expect.stringMatching(/^sess_[0-9a-f]{32}$/),
      type: "session",
      agent: { id: AGENT_ID, type: "agent", version: 1, name: expect.any(String) },
      agent_id: AGENT_ID,
      environment_id: ENVIRONMENT_ID,
      status: "idle",
      turn_status: "idle",
      title: "Fix bug in backend",
      metadata: { team: "core" },
      resources: [
        {
          id: expect.stringMatching(/^sesr_[0-9a-f]{24}$/),
          type: "github_repository",
          url: "https://github.com/acme/backend",
          mount_path: "/app/backend",
          checkout: { type: "branch" },
          created_at: expect.stringMatching(TIMESTAMP),
          updated_at: expect.stringMatching(TIMESTAMP),
        },
      ],
      vault_ids: [],
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect(reply.text).not.toContain("ghp_first");
  });

  test("create applies defaults: empty title and metadata, /data/workspace/<repo> mount, the default branch", async () => {
    const reply = await ctx.api.post("/sessions", {
      agent: AGENT_ID,
      environment_id: ENVIRONMENT_ID,
      resources: [{ type: "github_repository", url: "https://github.com/acme/frontend", authorization_token: "t" }],
    });

    expect(reply.status).toBe(201);
    expect(reply.body.title).toBe("");
    expect(reply.body.metadata).toEqual({});
    expect(reply.body.resources[0].mount_path).toBe("/data/workspace/frontend");
    // No checkout at create: the repository's default branch, reported as a branch without a name.
    expect(reply.body.resources[0].checkout).toEqual({ type: "branch" });
    const id = reply.body.resources[0].id;
    expect((await ctx.api.get(`/sessions/${reply.body.id}/resources/${id}`)).body.checkout).toEqual({ type: "branch" });
    expect((await ctx.api.get(`/sessions/${reply.body.id}/resources`)).body.data[0].checkout).toEqual({ type: "branch" });
  });

  test("create echoes an explicit branch checkout", async () => {
    const reply = await ctx.api.post(
      "/sessions",
      createBody({
        resources: [
          {
            type: "github_repository",
            url: "https://github.com/acme/api",
            authorization_token: "t",
            checkout: { type: "branch", name: "release/2.0" },
          },
        ],
      }),
    );

    expect(reply.status).toBe(201);
    expect(reply.body.resources[0].checkout).toEqual({ type: "branch", name: "release/2.0" });
  });

  test("create keeps a commit checkout and a pinned agent version", async () => {
    const reply = await ctx.api.post(
      "/sessions",
      createBody({
        agent: { type: "agent", id: AGENT_ID, version: 3 },
        resources: [
          {
            type: "github_repository",
            url: "https://github.com/acme/api",
            authorization_token: "t",
            checkout: { type: "commit", sha: "4f2a9c1" },
          },
        ],
      }),
    );

    expect(reply.status).toBe(201);
    expect(reply.body.agent).toMatchObject({ id: AGENT_ID, version: 3 });
    expect(reply.body.resources[0].checkout).toEqual({ type: "commit", sha: "4f2a9c1" });
  });

  test("an unpinned agent binds to the latest version of an agent the emulator knows", async () => {
    const emulator = await startEmulator({ agents: [{ id: AGENT_ID, latestVersion: 4, name: "Backend fixer" }] });
    try {
      const reply = await clientFor(emulator).post("/sessions", createBody({ agent: { type: "agent", id: AGENT_ID } }));
      expect(reply.body.agent).toEqual({
        id: AGENT_ID,
        type: "agent",
        version: 4,
        name: "Backend fixer",
        model: "ultimate",
        system: "",
        description: "",
        tools: [],
        mcp_servers: [],
        skills: [],
      });
    } finally {
      await emulator.close();
    }
  });

  test.each([
    ["agent missing", { agent: undefined }, "agent"],
    ["agent not an agent id", { agent: "bot_1" }, "agent"],
    ["agent object without id", { agent: { type: "agent", version: 1 } }, "agent.id"],
    ["environment_id missing", { environment_id: undefined }, "environment_id"],
    ["environment_id not an env id", { environment_id: "prod" }, "environment_id"],
    [
      "repository url not on GitHub",
      { resources: [{ type: "github_repository", url: "https://gitlab.com/a/b", authorization_token: "t" }] },
      "resources[0].url",
    ],
    [
      "repository without authorization_token",
      { resources: [{ type: "github_repository", url: "https://github.com/a/b" }] },
      "resources[0].authorization_token",
    ],
    [
      "repository with an empty authorization_token",
      { resources: [{ type: "github_repository", url: "https://github.com/a/b", authorization_token: "" }] },
      "resources[0].authorization_token",
    ],
    [
      "two repositories on one mount path",
      {
        resources: [
          { type: "github_repository", url: "https://github.com/a/b", mount_path: "/app", authorization_token: "t" },
          { type: "github_repository", url: "https://github.com/a/c", mount_path: "/app", authorization_token: "t" },
        ],
      },
      "resources[1].mount_path",
    ],
    ["metadata key longer than 64", { metadata: { ["k".repeat(65)]: "v" } }, `metadata.${"k".repeat(65)}`],
    ["metadata value longer than 512", { metadata: { k: "v".repeat(513) } }, "metadata.k"],
    ["metadata value not a string", { metadata: { k: 1 } }, "metadata.k"],
  ])("create rejects %s with 400 naming the param", async (_rule, overrides, param) => {
    const reply = await ctx.api.post("/sessions", createBody(overrides));

    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      type: "error",
      request_id: expect.any(String),
      error: { type: "invalid_request_error", message: expect.any(String), param },
    });
    expect(ctx.emulator.sessions()).toHaveLength(0);
  });

  // Error messages: docs/api-contract.md#errors.
  test("a missing required field is reported as the API words it", async () => {
    const reply = await ctx.api.post(
      "/sessions",
      createBody({ resources: [{ type: "github_repository", url: "https://github.com/a/b" }] }),
    );
    expect(reply.body.error.message).toBe("Field 'resources[0].authorization_token' is required.");
  });

  test("malformed JSON is a 400 invalid_request_error", async () => {
    const reply = await ctx.api.request("POST", "/sessions", { rawBody: "{not json", headers: { "content-type": "application/json" } });

    expect(reply.status).toBe(400);
    expect(reply.body.error.type).toBe("invalid_request_error");
  });

  test("GET returns the created session; an unknown id is a 404 that names it", async () => {
    const created = (await ctx.api.post("/sessions", createBody())).body;

    const found = await ctx.api.get(`/sessions/${created.id}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(created);

    const missing = await ctx.api.get("/sessions/sess_0000000000000000000000000000dead");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      type: "not_found_error",
      message: "Session 'sess_0000000000000000000000000000dead' was not found.",
    });
  });

  test("request_id echoes x-request-id and is also sent as the request-id header", async () => {
    const echoed = await ctx.api.get("/sessions/sess_x", { "x-request-id": "req-123" });
    expect(echoed.body.request_id).toBe("req-123");
    expect(echoed.headers.get("request-id")).toBe("req-123");

    const generated = await ctx.api.get("/sessions/sess_x");
    expect(generated.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers.get("request-id")).toBe(generated.body.request_id);
  });

  test("an unknown route is a 404 not_found_error", async () => {
    const reply = await ctx.api.get("/agents/agent_1/whatever");
    expect(reply.status).toBe(404);
    expect(reply.body.error.type).toBe("not_found_error");
  });

  test("update sets or clears the title and merges metadata, null deleting keys", async () => {
    const created = (await ctx.api.post("/sessions", createBody({ metadata: { keep: "1", drop: "2", change: "3" } }))).body;

    const renamed = await ctx.api.post(`/sessions/${created.id}`, { title: "New title", metadata: { drop: null, change: "33", add: "4" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe("New title");
    expect(renamed.body.metadata).toEqual({ keep: "1", change: "33", add: "4" });
    expect(renamed.body.updated_at > created.updated_at).toBe(true);
    expect(renamed.body.resources).toEqual(created.resources);

    const cleared = await ctx.api.post(`/sessions/${created.id}`, { title: null, metadata: null });
    expect(cleared.body.title).toBe("");
    expect(cleared.body.metadata).toEqual({ keep: "1", change: "33", add: "4" });
    expect((await ctx.api.get(`/sessions/${created.id}`)).body.title).toBe("");
  });

  test.each(["vault_ids", "environment_id", "resources", "memory_store_ids"])("update refuses %s with 400", async (field) => {
    const created = (await ctx.api.post("/sessions", createBody())).body;

    const reply = await ctx.api.post(`/sessions/${created.id}`, { [field]: field === "environment_id" ? "env_other" : [] });

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param: field });
    expect((await ctx.api.get(`/sessions/${created.id}`)).body).toEqual(created);
  });

  test("update of an unknown session is a 404", async () => {
    const reply = await ctx.api.post("/sessions/sess_missing", { title: "x" });
    expect(reply.status).toBe(404);
    expect(reply.body.error.message).toBe("Session 'sess_missing' was not found.");
  });

  test("archive sets archived_at, keeps status idle, and repeating it changes nothing", async () => {
    const created = (await ctx.api.post("/sessions", createBody())).body;

    const archived = await ctx.api.post(`/sessions/${created.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).toMatch(TIMESTAMP);
    expect(archived.body.status).toBe("idle");

    const again = await ctx.api.post(`/sessions/${created.id}/archive`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(archived.body);
    expect((await ctx.api.get(`/sessions/${created.id}`)).body.archived_at).toBe(archived.body.archived_at);
  });

  test("list hides archived sessions unless include_archived=true", async () => {
    const live = (await ctx.api.post("/sessions", createBody())).body;
    const gone = (await ctx.api.post("/sessions", createBody())).body;
    await ctx.api.post(`/sessions/${gone.id}/archive`);

    const ids = (reply: { body: { data: { id: string }[] } }) => reply.body.data.map((s) => s.id);
    expect(ids(await ctx.api.get("/sessions"))).toEqual([live.id]);
    expect(ids(await ctx.api.get("/sessions?include_archived=true"))).toEqual([gone.id, live.id]);
  });

  test("delete answers session_deleted; afterwards the session is a 404", async () => {
    const created = (await ctx.api.post("/sessions", createBody())).body;

    const deleted = await ctx.api.delete(`/sessions/${created.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: created.id, type: "session_deleted" });

    expect((await ctx.api.get(`/sessions/${created.id}`)).status).toBe(404);
    expect((await ctx.api.delete(`/sessions/${created.id}`)).status).toBe(404);
    expect(ctx.emulator.sessions()).toEqual([]);
  });

  test("cancel of an idle session answers 200; of an archived one, 404", async () => {
    const created = (await ctx.api.post("/sessions", createBody())).body;

    const cancelled = await ctx.api.post(`/sessions/${created.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: created.id, type: "session" });
    expect((await ctx.api.get(`/sessions/${created.id}`)).body.status).toBe("idle");

    await ctx.api.post(`/sessions/${created.id}/archive`);
    expect((await ctx.api.post(`/sessions/${created.id}/cancel`)).status).toBe(404);
  });
});
