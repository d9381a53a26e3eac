import { expectInvalid, expectNotFound, TIMESTAMP, useEmulator, walkPages } from "./support";

// `/agents` (/work/shared/api/qoder-cloud-api.md §6.1 and §11): versioned, no delete.
describe("agents", () => {
  const ctx = useEmulator();

  const toolset = { type: "agent_toolset_20260401", enabled_tools: ["bash", "edit"] };
  const mcpServer = { type: "url", name: "linear", url: "https://mcp.linear.app/sse" };
  const skill = { type: "custom", skill_id: "skill_1" };

  async function create(body: Record<string, unknown> = { name: "Backend fixer", model: "ultimate" }) {
    const reply = await ctx.api.post("/agents", body);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  test("create answers 201 with the agent at version 1, which get and list return", async () => {
    const reply = await ctx.api.post("/agents", {
      name: "Backend fixer",
      model: "ultimate",
      system: "Fix failing tests.",
      description: "Fixes the backend",
      tools: [toolset],
      mcp_servers: [mcpServer],
      skills: [skill],
      metadata: { team: "api" },
    });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^agent_[0-9a-f]{32}$/),
      type: "agent",
      name: "Backend fixer",
      model: "ultimate",
      system: "Fix failing tests.",
      description: "Fixes the backend",
      tools: [toolset],
      mcp_servers: [mcpServer],
      skills: [skill],
      metadata: { team: "api" },
      version: 1,
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await ctx.api.get(`/agents/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await ctx.api.get("/agents")).body.data).toEqual([reply.body]);
  });

  test("absent optionals are answered as null, [] and {}; a model object is answered as given", async () => {
    const model = { id: "ultimate", effort: "high" };

    expect(await create({ name: "Minimal", model })).toMatchObject({
      model,
      system: null,
      description: null,
      tools: [],
      mcp_servers: [],
      skills: [],
      metadata: {},
    });
  });

  test.each([
    ["no name", { model: "ultimate" }, "name"],
    ["an empty name", { name: "", model: "ultimate" }, "name"],
    ["a name of 257 characters", { name: "n".repeat(257), model: "ultimate" }, "name"],
    ["no model", { name: "n" }, "model"],
    ["a null model", { name: "n", model: null }, "model"],
    ["an empty model", { name: "n", model: "" }, "model"],
    ["a model that is a number", { name: "n", model: 3 }, "model"],
    ["a model object without id", { name: "n", model: { effort: "high" } }, "model.id"],
    ["a model object with a numeric id", { name: "n", model: { id: 4 } }, "model.id"],
    ["a system prompt that is not a string", { name: "n", model: "m", system: ["x"] }, "system"],
    ["tools that are not an array", { name: "n", model: "m", tools: toolset }, "tools"],
    ["a tool that is not an object", { name: "n", model: "m", tools: ["bash"] }, "tools[0]"],
    ["a tool without type", { name: "n", model: "m", tools: [toolset, { name: "x" }] }, "tools[1].type"],
    ["an MCP server that is not an object", { name: "n", model: "m", mcp_servers: ["https://x"] }, "mcp_servers[0]"],
    ["21 skills", { name: "n", model: "m", skills: Array.from({ length: 21 }, () => skill) }, "skills"],
    ["metadata with a number", { name: "n", model: "m", metadata: { a: 1 } }, "metadata.a"],
    ["an unknown field", { name: "n", model: "m", instructions: "x" }, "instructions"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    expectInvalid(await ctx.api.post("/agents", body), param);
    expect(ctx.emulator.agents()).toEqual([]);
  });

  test("a 256-character name and 20 skills are accepted", async () => {
    const agent = await create({ name: "n".repeat(256), model: "m", skills: Array.from({ length: 20 }, () => skill) });
    expect(agent.skills).toHaveLength(20);
  });

  test("each update makes the next version: omitted fields kept, arrays replaced whole, metadata merged, updated_at moved", async () => {
    const created = await create({
      name: "Backend fixer",
      model: "ultimate",
      system: "Fix tests.",
      tools: [toolset],
      skills: [skill],
      metadata: { team: "api", tier: "1" },
    });

    const second = await ctx.api.post(`/agents/${created.id}`, {
      version: 1,
      system: null,
      tools: [{ type: "web_search" }],
      metadata: { tier: null, owner: "ana" },
    });

    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      ...created,
      system: null,
      tools: [{ type: "web_search" }],
      metadata: { team: "api", owner: "ana" },
      version: 2,
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect(second.body.updated_at > created.updated_at).toBe(true);

    const third = await ctx.api.post(`/agents/${created.id}`, {});
    expect(third.body).toMatchObject({ version: 3, name: "Backend fixer", tools: [{ type: "web_search" }], skills: [skill] });
    expect((await ctx.api.post(`/agents/${created.id}`, { skills: null, model: { id: "fast" } })).body).toMatchObject({
      version: 4,
      skills: [],
      model: { id: "fast" },
    });
  });

  test("an update naming a stale version is a 409 conflict_error naming the current version, and changes nothing", async () => {
    const created = await create();
    await ctx.api.post(`/agents/${created.id}`, { description: "v2" });
    await ctx.api.post(`/agents/${created.id}`, { description: "v3" });

    const reply = await ctx.api.post(`/agents/${created.id}`, { version: 2, name: "Too late" });

    expect(reply.status).toBe(409);
    expect(reply.body.error).toEqual({ type: "conflict_error", message: `Agent '${created.id}' is at version 3, not 2.` });
    expect((await ctx.api.get(`/agents/${created.id}`)).body).toMatchObject({ version: 3, name: "Backend fixer" });
    expect((await ctx.api.post(`/agents/${created.id}`, { version: 3, name: "On time" })).body).toMatchObject({
      version: 4,
      name: "On time",
    });
  });

  test.each([
    ["a null name", { name: null }, "name"],
    ["a null model", { model: null }, "model"],
    ["a version that is a string", { version: "2" }, "version"],
    ["version 0", { version: 0 }, "version"],
    ["tools that are an object", { tools: {} }, "tools"],
    ["an unknown field", { type: "agent" }, "type"],
  ])("update with %s is a 400 naming the param, and makes no version", async (_rule, body, param) => {
    const created = await create();

    expectInvalid(await ctx.api.post(`/agents/${created.id}`, body), param);
    expect((await ctx.api.get(`/agents/${created.id}`)).body).toEqual(created);
  });

  test("get ?version=N answers that version as it was; a version the agent does not have is a 404", async () => {
    const created = await create({ name: "First", model: "ultimate" });
    const second = (await ctx.api.post(`/agents/${created.id}`, { name: "Second" })).body;

    expect((await ctx.api.get(`/agents/${created.id}?version=1`)).body).toEqual(created);
    expect((await ctx.api.get(`/agents/${created.id}?version=2`)).body).toEqual(second);
    expectNotFound(await ctx.api.get(`/agents/${created.id}?version=3`), `Agent '${created.id}' version 3 was not found.`);
    expectInvalid(await ctx.api.get(`/agents/${created.id}?version=latest`), "version");
    expectInvalid(await ctx.api.get(`/agents/${created.id}?version=0`), "version");
  });

  test("versions list newest first in pages, and oldest first with order=asc", async () => {
    const created = await create();
    for (let i = 0; i < 4; i++) await ctx.api.post(`/agents/${created.id}`, { description: `v${i + 2}` });

    const reply = await ctx.api.get(`/agents/${created.id}/versions?limit=2`);
    expect(reply.body.data.map((agent: { version: number }) => agent.version)).toEqual([5, 4]);
    expect(reply.body.has_more).toBe(true);
    expect(await walkPages(ctx.api, `/agents/${created.id}/versions?limit=2`)).toEqual({
      ids: Array(5).fill(created.id),
      pageSizes: [2, 2, 1],
    });
    const ascending = (await ctx.api.get(`/agents/${created.id}/versions?order=asc`)).body.data;
    expect(ascending.map((agent: { version: number; description: string | null }) => [agent.version, agent.description])).toEqual([
      [1, null],
      [2, "v2"],
      [3, "v3"],
      [4, "v4"],
      [5, "v5"],
    ]);
    expect(ascending[0]).toEqual(created);
  });

  test("archive sets archived_at once; an archived agent refuses updates and is listed only with include_archived", async () => {
    const created = await create();

    const archived = await ctx.api.post(`/agents/${created.id}/archive`);
    const again = await ctx.api.post(`/agents/${created.id}/archive`);

    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ version: 1, archived_at: expect.stringMatching(TIMESTAMP) });
    expect(again.body).toEqual(archived.body);
    const update = await ctx.api.post(`/agents/${created.id}`, { name: "Late" });
    expect(update.status).toBe(400);
    expect(update.body.error.message).toBe(`Agent '${created.id}' is archived; it cannot be updated.`);
    expect((await ctx.api.get("/agents")).body.data).toEqual([]);
    expect((await ctx.api.get("/agents?include_archived=true")).body.data).toEqual([archived.body]);
  });

  test("agents cannot be deleted: DELETE matches no endpoint", async () => {
    const created = await create();

    const reply = await ctx.api.delete(`/agents/${created.id}`);

    expect(reply.status).toBe(404);
    expect(reply.body.error.message).toBe(`No endpoint matches DELETE /api/v1/cloud/agents/${created.id}.`);
    expect((await ctx.api.get(`/agents/${created.id}`)).status).toBe(200);
  });

  test("an unknown id answers the not-found wording on every endpoint", async () => {
    const message = "Agent 'agent_nope' was not found.";
    expectNotFound(await ctx.api.get("/agents/agent_nope"), message);
    expectNotFound(await ctx.api.get("/agents/agent_nope?version=1"), message);
    expectNotFound(await ctx.api.post("/agents/agent_nope", { version: 1 }), message);
    expectNotFound(await ctx.api.post("/agents/agent_nope/archive"), message);
    expectNotFound(await ctx.api.get("/agents/agent_nope/versions"), message);
  });

  test("a keyed create or update is replayed without another agent or version", async () => {
    const headers = { "idempotency-key": "agent-1" };
    const first = await ctx.api.post("/agents", { name: "A", model: "ultimate" }, headers);
    const replay = await ctx.api.post("/agents", { name: "A", model: "ultimate" }, headers);
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(ctx.emulator.agents()).toHaveLength(1);

    const update = { "idempotency-key": "agent-1-update" };
    await ctx.api.post(`/agents/${first.body.id}`, { version: 1, name: "B" }, update);
    const replayed = await ctx.api.post(`/agents/${first.body.id}`, { version: 1, name: "B" }, update);
    expect(replayed.status).toBe(200);
    expect(replayed.body.version).toBe(2);
    expect(ctx.emulator.agent(first.body.id)!.version).toBe(2);
    expect((await ctx.api.post(`/agents/${first.body.id}`, { version: 1, name: "C" }, update)).status).toBe(409);
  });

  test("agents page newest first across more than one page", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ name: `a${i}`, model: "m" })).id);

    expect(await walkPages(ctx.api, "/agents?limit=2")).toEqual({ ids: [...ids].reverse(), pageSizes: [2, 2, 1] });
  });

  test("test controls read every version and change agents out of band", async () => {
    const created = await create();

    const updated = ctx.emulator.updateAgent(created.id, { version: 1, system: "Changed in the console" });
    expect(updated).toMatchObject({ version: 2, system: "Changed in the console" });
    expect((await ctx.api.get(`/agents/${created.id}`)).body).toEqual(updated);
    expect(ctx.emulator.agent(created.id)!.versions).toEqual([created, updated]);
    expect(() => ctx.emulator.updateAgent(created.id, { version: 1 })).toThrow(
      `Emulator rejected the change: Agent '${created.id}' is at version 2, not 1.`,
    );

    ctx.emulator.agent(created.id)!.versions[0]!.name = "mutated copy";
    expect((await ctx.api.get(`/agents/${created.id}?version=1`)).body.name).toBe("Backend fixer");

    const archived = ctx.emulator.archiveAgent(created.id);
    expect((await ctx.api.get(`/agents/${created.id}`)).body.archived_at).toBe(archived.archived_at);
    expect(ctx.emulator.agents().map((agent) => agent.id)).toEqual([created.id]);
    expect(ctx.emulator.agent("agent_nope")).toBeUndefined();
    expect(() => ctx.emulator.archiveAgent("agent_nope")).toThrow("Emulator rejected the change: Agent 'agent_nope' was not found.");
  });
});
