import { expectInvalid, expectNotFound, TIMESTAMP, useEmulator, walkPages } from "./support";

// `/memory_stores` (docs/api-contract.md#memory-stores). Memory stores attached to
// sessions are in memory-stores.test.ts.
describe("memory store endpoints", () => {
  const ctx = useEmulator();

  async function create(body: Record<string, unknown> = { name: "Team notes" }) {
    const reply = await ctx.api.post("/memory_stores", body);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  test("create answers 201 with the memory store, which get and list then return", async () => {
    const reply = await ctx.api.post("/memory_stores", { name: "Team notes", description: "Runbooks", metadata: { team: "ops" } });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^memstore_[0-9a-f]{32}$/),
      type: "memory_store",
      name: "Team notes",
      description: "Runbooks",
      metadata: { team: "ops" },
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await ctx.api.get(`/memory_stores/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await ctx.api.get("/memory_stores")).body).toEqual({
      data: [reply.body],
      next_page: null,
      first_id: reply.body.id,
      last_id: reply.body.id,
      has_more: false,
    });
  });

  test("absent description and metadata are answered as null and {}", async () => {
    expect(await create({ name: "Bare" })).toMatchObject({ name: "Bare", description: null, metadata: {} });
  });

  test.each([
    ["no name", {}, "name"],
    ["an empty name", { name: "" }, "name"],
    ["a name of 256 characters", { name: "n".repeat(256) }, "name"],
    ["a name that is not a string", { name: 7 }, "name"],
    ["a description that is not a string", { name: "n", description: 1 }, "description"],
    ["metadata that is not an object", { name: "n", metadata: ["a"] }, "metadata"],
    ["a metadata value that is not a string", { name: "n", metadata: { a: 1 } }, "metadata.a"],
    ["an unknown field", { name: "n", status: "active" }, "status"],
  ])("create with %s is a 400 naming the param, and creates nothing", async (_rule, body, param) => {
    expectInvalid(await ctx.api.post("/memory_stores", body), param);
    expect(ctx.emulator.memoryStores()).toEqual([]);
  });

  test("a name of 255 characters is accepted", async () => {
    expect((await create({ name: "n".repeat(255) })).name).toHaveLength(255);
  });

  test("update changes what it names, keeps the rest, merges metadata and moves updated_at", async () => {
    const created = await create({ name: "Team notes", description: "Runbooks", metadata: { team: "ops", tier: "1" } });

    const reply = await ctx.api.post(`/memory_stores/${created.id}`, { description: null, metadata: { tier: null, owner: "ana" } });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      ...created,
      description: null,
      metadata: { team: "ops", owner: "ana" },
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect(reply.body.updated_at > created.updated_at).toBe(true);
    expect((await ctx.api.post(`/memory_stores/${created.id}`, { name: "Renamed" })).body).toMatchObject({
      name: "Renamed",
      description: null,
      metadata: { team: "ops", owner: "ana" },
    });
    expect((await ctx.api.get(`/memory_stores/${created.id}`)).body.name).toBe("Renamed");
  });

  test.each([
    ["a null name", { name: null }, "name"],
    ["an empty name", { name: "" }, "name"],
    ["a metadata value that is a number", { metadata: { a: 1 } }, "metadata.a"],
    ["an unknown field", { type: "memory_store" }, "type"],
  ])("update with %s is a 400 naming the param and changes nothing", async (_rule, body, param) => {
    const created = await create();

    expectInvalid(await ctx.api.post(`/memory_stores/${created.id}`, body), param);
    expect((await ctx.api.get(`/memory_stores/${created.id}`)).body).toEqual(created);
  });

  test("archive sets archived_at, a repeat answers it unchanged, an archived store refuses updates and leaves the default list", async () => {
    const created = await create();

    const archived = await ctx.api.post(`/memory_stores/${created.id}/archive`);
    const again = await ctx.api.post(`/memory_stores/${created.id}/archive`);

    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).toMatch(TIMESTAMP);
    expect(archived.body.updated_at).toBe(archived.body.archived_at);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(archived.body);
    const update = await ctx.api.post(`/memory_stores/${created.id}`, { name: "Late" });
    expect(update.status).toBe(400);
    expect(update.body.error.message).toBe(`Memory store '${created.id}' is archived; it cannot be updated.`);
    expect((await ctx.api.get("/memory_stores")).body.data).toEqual([]);
    expect((await ctx.api.get("/memory_stores?include_archived=true")).body.data).toEqual([archived.body]);
    expect((await ctx.api.get(`/memory_stores/${created.id}`)).body).toEqual(archived.body);
  });

  test("delete answers memory_store_deleted; afterwards every endpoint answers the not-found wording", async () => {
    const created = await create();

    const reply = await ctx.api.delete(`/memory_stores/${created.id}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: created.id, type: "memory_store_deleted" });
    const message = `Memory store '${created.id}' was not found.`;
    expectNotFound(await ctx.api.get(`/memory_stores/${created.id}`), message);
    expectNotFound(await ctx.api.post(`/memory_stores/${created.id}`, { name: "x" }), message);
    expectNotFound(await ctx.api.post(`/memory_stores/${created.id}/archive`), message);
    expectNotFound(await ctx.api.delete(`/memory_stores/${created.id}`), message);
    expect(ctx.emulator.memoryStores()).toEqual([]);
  });

  test("an unknown id answers 404 before the body is looked at", async () => {
    expectNotFound(await ctx.api.post("/memory_stores/memstore_nope", { name: null }), "Memory store 'memstore_nope' was not found.");
  });

  test("a create with an Idempotency-Key is replayed byte for byte; the key with another body is a 409", async () => {
    const headers = { "idempotency-key": "create-notes" };
    const first = await ctx.api.post("/memory_stores", { name: "Team notes" }, headers);
    const replay = await ctx.api.post("/memory_stores", { name: "Team notes" }, headers);
    const other = await ctx.api.post("/memory_stores", { name: "Other" }, headers);

    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(other.status).toBe(409);
    expect(other.body.error.type).toBe("conflict_error");
    expect(ctx.emulator.memoryStores()).toHaveLength(1);
  });

  test("the list pages newest first by default and oldest first with order=asc", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await create({ name: `store ${i}` })).id);

    const newest = await walkPages(ctx.api, "/memory_stores?limit=10");
    const oldest = await walkPages(ctx.api, "/memory_stores?limit=10&order=asc");

    expect(newest).toEqual({ ids: [...ids].reverse(), pageSizes: [10, 10, 5] });
    expect(oldest).toEqual({ ids, pageSizes: [10, 10, 5] });
    expectInvalid(await ctx.api.get("/memory_stores?limit=101"), "limit");
  });

  test("test controls change memory stores out of band, visibly over HTTP, and return copies", async () => {
    const created = await create({ name: "Team notes", metadata: { team: "ops" } });

    const updated = ctx.emulator.updateMemoryStore(created.id, { name: "Renamed in the console", metadata: { team: null } });
    expect(updated).toMatchObject({ name: "Renamed in the console", metadata: {} });
    expect((await ctx.api.get(`/memory_stores/${created.id}`)).body).toEqual(updated);

    ctx.emulator.memoryStore(created.id)!.name = "mutated copy";
    expect(ctx.emulator.memoryStore(created.id)!.name).toBe("Renamed in the console");

    const archived = ctx.emulator.archiveMemoryStore(created.id);
    expect((await ctx.api.get(`/memory_stores/${created.id}`)).body.archived_at).toBe(archived.archived_at);
    expect(() => ctx.emulator.updateMemoryStore(created.id, { name: "x" })).toThrow(
      `Emulator rejected the change: Memory store '${created.id}' is archived; it cannot be updated.`,
    );

    ctx.emulator.deleteMemoryStore(created.id);
    expect(ctx.emulator.memoryStore(created.id)).toBeUndefined();
    expect((await ctx.api.get(`/memory_stores/${created.id}`)).status).toBe(404);
    expect(() => ctx.emulator.deleteMemoryStore(created.id)).toThrow(/was not found/);
  });
});
