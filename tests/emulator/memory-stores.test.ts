import { AGENT_ID, createBody, ENVIRONMENT_ID, TIMESTAMP, useEmulator } from "./support";

// Memory stores attach as `resources[]` entries at create (docs/api-contract.md#sessions); in a
// response such an entry has no `id` and no `created_at` (docs/api-contract.md#session-resources).
describe("memory stores", () => {
  const ctx = useEmulator();

  const backend = {
    type: "github_repository",
    url: "https://github.com/acme/backend",
    mount_path: "/app/backend",
    authorization_token: "ghp_first",
  };

  test("a memory_store entry is answered with type, id, access and instructions only", async () => {
    const reply = await ctx.api.post(
      "/sessions",
      createBody({
        resources: [
          backend,
          { type: "memory_store", memory_store_id: "memstore_notes", access: "read_only", instructions: "Read the runbook first." },
          { type: "memory_store", memory_store_id: "memstore_bare" },
        ],
      }),
    );

    expect(reply.status).toBe(201);
    expect(reply.body.resources).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^sesr_/),
        type: "github_repository",
        created_at: expect.stringMatching(TIMESTAMP),
      }),
      { type: "memory_store", memory_store_id: "memstore_notes", access: "read_only", instructions: "Read the runbook first." },
      { type: "memory_store", memory_store_id: "memstore_bare" },
    ]);
    expect(reply.body).not.toHaveProperty("memory_store_ids");

    const got = await ctx.api.get(`/sessions/${reply.body.id}`);
    expect(got.body.resources).toEqual(reply.body.resources);
    expect(got.body).not.toHaveProperty("memory_store_ids");
  });

  test("the resources list carries memory store entries; an id-less entry at an end gives a null first_id or last_id", async () => {
    const created = (
      await ctx.api.post(
        "/sessions",
        createBody({ resources: [{ type: "memory_store", memory_store_id: "memstore_a", access: "read_write" }, backend] }),
      )
    ).body;

    const list = await ctx.api.get(`/sessions/${created.id}/resources`);

    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      data: [{ type: "memory_store", memory_store_id: "memstore_a", access: "read_write" }, created.resources[1]],
      next_page: null,
      first_id: null,
      last_id: created.resources[1].id,
      has_more: false,
    });

    const first = await ctx.api.get(`/sessions/${created.id}/resources?limit=1`);
    expect(first.body.data).toEqual([{ type: "memory_store", memory_store_id: "memstore_a", access: "read_write" }]);
    const second = await ctx.api.get(`/sessions/${created.id}/resources?limit=1&page=${first.body.next_page}`);
    expect(second.body.data).toEqual([created.resources[1]]);
  });

  test("the older memory_store_ids field becomes the same entries, after those in resources", async () => {
    const reply = await ctx.api.post("/sessions", createBody({ resources: [backend], memory_store_ids: ["memstore_one", "memstore_two"] }));

    expect(reply.status).toBe(201);
    expect(reply.body.resources.slice(1)).toEqual([
      { type: "memory_store", memory_store_id: "memstore_one" },
      { type: "memory_store", memory_store_id: "memstore_two" },
    ]);
    expect(reply.body).not.toHaveProperty("memory_store_ids");
  });

  test.each([
    ["memory_store_id missing", { type: "memory_store" }, "resources[0].memory_store_id"],
    ["memory_store_id without the memstore_ prefix", { type: "memory_store", memory_store_id: "mem_1" }, "resources[0].memory_store_id"],
    ["memory_store_id not a string", { type: "memory_store", memory_store_id: 7 }, "resources[0].memory_store_id"],
    ["an unknown access", { type: "memory_store", memory_store_id: "memstore_1", access: "write_only" }, "resources[0].access"],
    ["instructions not a string", { type: "memory_store", memory_store_id: "memstore_1", instructions: 1 }, "resources[0].instructions"],
    ["a mount_path", { type: "memory_store", memory_store_id: "memstore_1", mount_path: "/mnt/memory" }, "resources[0].mount_path"],
  ])("a memory_store entry with %s is a 400 naming the param", async (_rule, entry, param) => {
    const reply = await ctx.api.post("/sessions", createBody({ resources: [entry] }));

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param });
    expect(ctx.emulator.sessions()).toHaveLength(0);
  });

  test.each([
    [
      "twice in resources",
      {
        resources: [
          { type: "memory_store", memory_store_id: "memstore_1" },
          { type: "memory_store", memory_store_id: "memstore_1", access: "read_only" },
        ],
      },
      "resources[1].memory_store_id",
    ],
    ["twice in memory_store_ids", { resources: [], memory_store_ids: ["memstore_1", "memstore_1"] }, "memory_store_ids[1]"],
    [
      "in resources and in memory_store_ids",
      { resources: [{ type: "memory_store", memory_store_id: "memstore_1" }], memory_store_ids: ["memstore_1"] },
      "memory_store_ids[0]",
    ],
  ])("the same memory store %s is a 400", async (_rule, overrides, param) => {
    const reply = await ctx.api.post("/sessions", createBody(overrides));

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param });
    expect(reply.body.error.message).toBe("Memory store 'memstore_1' is attached more than once.");
  });

  test("a memory store cannot be got, rotated or deleted by its memory_store_id", async () => {
    const created = (await ctx.api.post("/sessions", createBody({ resources: [{ type: "memory_store", memory_store_id: "memstore_1" }] })))
      .body;
    const path = `/sessions/${created.id}/resources/memstore_1`;

    for (const reply of [await ctx.api.get(path), await ctx.api.post(path, { authorization_token: "t" }), await ctx.api.delete(path)]) {
      expect(reply.status).toBe(404);
      expect(reply.body.error).toEqual({ type: "not_found_error", message: "Session resource 'memstore_1' was not found." });
    }
    expect((await ctx.api.get(`/sessions/${created.id}`)).body.resources).toEqual([
      { type: "memory_store", memory_store_id: "memstore_1" },
    ]);
  });

  test("a memory store cannot be added after create", async () => {
    const created = (await ctx.api.post("/sessions", createBody())).body;

    const reply = await ctx.api.post(`/sessions/${created.id}/resources`, { type: "memory_store", memory_store_id: "memstore_1" });

    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/Memory stores can only be attached when the session is created/);
  });

  test("update still refuses memory_store_ids", async () => {
    const created = (await ctx.api.post("/sessions", createBody({ memory_store_ids: ["memstore_1"] }))).body;

    const reply = await ctx.api.post(`/sessions/${created.id}`, { memory_store_ids: ["memstore_2"] });

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param: "memory_store_ids" });
    expect((await ctx.api.get(`/sessions/${created.id}`)).body.resources.at(-1)).toEqual({
      type: "memory_store",
      memory_store_id: "memstore_1",
    });
  });

  test("seeded sessions take memory store entries too, and tests see them without credentials", () => {
    const seeded = ctx.emulator.seedSession({
      agent: AGENT_ID,
      environment_id: ENVIRONMENT_ID,
      resources: [{ type: "memory_store", memory_store_id: "memstore_seed", access: "read_write" }],
      memory_store_ids: ["memstore_old"],
    });

    expect(seeded.resources).toEqual([
      { type: "memory_store", memory_store_id: "memstore_seed", access: "read_write", credentialHistory: [] },
      { type: "memory_store", memory_store_id: "memstore_old", credentialHistory: [] },
    ]);
  });
});
