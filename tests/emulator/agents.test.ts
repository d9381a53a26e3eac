import { expectInvalid, expectNotFound, TIMESTAMP, useEmulator, walkPages } from "./support";

// `/agents` (docs/api-contract.md#agents): versioned, no delete.
describe("agents", () => {
  const ctx = useEmulator();

  const toolset = { type: "agent_toolset_20260401", enabled_tools: ["bash", "edit"] };
  const defaultConfig = { enabled: true, permission_policy: { type: "always_allow" } };
  /** `toolset` as the API answers it: names in canonical case, `configs` and `default_config` resolved. */
  const toolsetAnswered = { type: "agent_toolset_20260401", enabled_tools: ["Bash", "Edit"], configs: [], default_config: defaultConfig };
  const allTools = ["Bash", "Read", "Write", "Edit", "Glob", "Grep", "WebFetch", "WebSearch"];
  const mcpServer = { type: "url", name: "linear", url: "https://mcp.linear.app/sse" };
  const skill = { type: "custom", skill_id: "skill_1" };
  const customTool = { type: "custom", name: "get_weather", description: "Weather for a city", input_schema: { type: "object" } };

  async function create(body: Record<string, unknown> = { name: "Backend fixer", model: "ultimate" }) {
    const reply = await ctx.api.post("/agents", body);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  /** The tools an agent created with `tools` is answered with. */
  async function answeredTools(tools: unknown[]) {
    return (await create({ name: "n", model: "m", tools })).tools;
  }

  test("create answers 201 with the agent at version 1, which get and list return", async () => {
    const reply = await ctx.api.post("/agents", {
      name: "Backend fixer",
      model: "ultimate",
      system: "Fix failing tests.",
      description: "Fixes the backend",
      tools: [toolset],
      mcp_servers: [mcpServer],
      skills: [{ ...skill, version: "3" }],
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
      tools: [toolsetAnswered],
      mcp_servers: [mcpServer],
      skills: [{ ...skill, version: "3" }],
      metadata: { team: "api" },
      multiagent: null,
      version: 1,
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await ctx.api.get(`/agents/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await ctx.api.get("/agents")).body.data).toEqual([reply.body]);
  });

  test('absent optionals are answered as "", [], {} and null', async () => {
    expect(await create({ name: "Minimal", model: "ultimate", system: null, description: null })).toMatchObject({
      system: "",
      description: "",
      tools: [],
      mcp_servers: [],
      skills: [],
      metadata: {},
      multiagent: null,
    });
  });

  test.each([
    ["a string", "ultimate", "ultimate"],
    ["an object with only id", { id: "ultimate" }, "ultimate"],
    ["an object whose options are null", { id: "ultimate", effort: null, speed: null }, "ultimate"],
    [
      "a string effort",
      { id: "ultimate", effort: "high", context_window: 400000 },
      { id: "ultimate", effort: { type: "high" }, context_window: 400000 },
    ],
    [
      "an object effort",
      { id: "ultimate", effort: { type: "max" }, speed: "fast" },
      { id: "ultimate", effort: { type: "max" }, speed: "fast" },
    ],
    ["an inference_geo", { id: "ultimate", inference_geo: "eu" }, { id: "ultimate", inference_geo: "eu" }],
  ])("a model given as %s is answered in its normal form", async (_form, model, expected) => {
    expect((await create({ name: "n", model })).model).toEqual(expected);
  });

  test("tool names in enabled_tools and disallowed_tools are answered in canonical case, whatever their case and underscores", async () => {
    const [tool] = await answeredTools([
      { type: "agent_toolset_20260401", enabled_tools: ["BASH", "web_fetch", "WebSearch", "glob"], disallowed_tools: ["Web_Fetch"] },
    ]);

    expect(tool).toEqual({ ...toolsetAnswered, enabled_tools: ["Bash", "WebFetch", "WebSearch", "Glob"], disallowed_tools: ["WebFetch"] });
  });

  test("a toolset without enabled_tools lists every built-in tool but the disallowed ones", async () => {
    const [all, some] = await answeredTools([
      { type: "agent_toolset_20260401" },
      { type: "agent_toolset_20260401", disallowed_tools: ["bash", "write"], enabled_tools: null },
    ]);

    expect(all).toEqual({ ...toolsetAnswered, enabled_tools: allTools });
    expect(some).toEqual({
      ...toolsetAnswered,
      enabled_tools: allTools.filter((t) => t !== "Bash" && t !== "Write"),
      disallowed_tools: ["Bash", "Write"],
    });
  });

  test("a toolset's configs are answered as given and its default_config is resolved over what was given", async () => {
    const configs = [
      { name: "bash", enabled: false },
      { type: "web_fetch", permission_policy: { type: "always_ask" }, allowed_domains: ["docs.python.org"], max_content_tokens: 5000 },
      { name: "web_search", type: "web_search", blocked_domains: ["example.com"], user_location: { type: "approximate", country: "DE" } },
    ];
    const [toolsetTool, mcpTool] = await answeredTools([
      { type: "agent_toolset_20260401", configs, default_config: { permission_policy: { type: "always_ask" } } },
      {
        type: "mcp_toolset",
        mcp_server_name: "linear",
        configs: [{ name: "create_issue", enabled: false }],
        default_config: { enabled: false },
      },
    ]);

    expect(toolsetTool).toEqual({
      ...toolsetAnswered,
      enabled_tools: allTools,
      configs,
      default_config: { enabled: true, permission_policy: { type: "always_ask" } },
    });
    expect(mcpTool).toEqual({
      type: "mcp_toolset",
      mcp_server_name: "linear",
      configs: [{ name: "create_issue", enabled: false }],
      default_config: { enabled: false, permission_policy: { type: "always_allow" } },
    });
  });

  test("an mcp_toolset without configs is answered with [] and the default default_config", async () => {
    expect(await answeredTools([{ type: "mcp_toolset", mcp_server_name: "linear" }])).toEqual([
      { type: "mcp_toolset", mcp_server_name: "linear", configs: [], default_config: defaultConfig },
    ]);
  });

  test("a custom tool's input_schema is answered untouched, whatever keywords it holds", async () => {
    const input_schema = {
      type: "object",
      properties: { city: { $ref: "#/$defs/city" } },
      required: ["city"],
      additionalProperties: false,
      $defs: { city: { type: "string" } },
    };

    expect(await answeredTools([{ ...customTool, input_schema }])).toEqual([{ ...customTool, input_schema }]);
  });

  test('a skill without a version is answered with version "1"; one with a version keeps it', async () => {
    const skills = [skill, { type: "qoder", skill_id: "xlsx", version: null }, { type: "qoder", skill_id: "pdf", version: "20260101" }];

    expect((await create({ name: "n", model: "m", skills })).skills).toEqual([
      { ...skill, version: "1" },
      { type: "qoder", skill_id: "xlsx", version: "1" },
      { type: "qoder", skill_id: "pdf", version: "20260101" },
    ]);
  });

  test("multiagent is stored and answered as given; update keeps it when absent and removes it with null", async () => {
    const multiagent = {
      type: "coordinator",
      agents: ["agent_a", { type: "agent", id: "agent_b", version: 2 }, { type: "self" }, { type: "advisor", model: "ultimate" }],
    };
    const created = await create({ name: "n", model: "m", multiagent });
    expect(created.multiagent).toEqual(multiagent);

    expect((await ctx.api.post(`/agents/${created.id}`, { name: "renamed" })).body.multiagent).toEqual(multiagent);
    expect((await ctx.api.post(`/agents/${created.id}`, { multiagent: null })).body.multiagent).toBeNull();
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
    ["a model object with an unknown option", { name: "n", model: { id: "m", temperature: 1 } }, "model.temperature"],
    ["an unknown effort", { name: "n", model: { id: "m", effort: "extreme" } }, "model.effort"],
    ["an unknown effort object", { name: "n", model: { id: "m", effort: { type: "extreme" } } }, "model.effort.type"],
    ["an unknown speed", { name: "n", model: { id: "m", speed: "slow" } }, "model.speed"],
    ["a context_window that is not a positive integer", { name: "n", model: { id: "m", context_window: 0 } }, "model.context_window"],
    ["a system prompt that is not a string", { name: "n", model: "m", system: ["x"] }, "system"],
    ["tools that are not an array", { name: "n", model: "m", tools: toolset }, "tools"],
    ["a tool that is not an object", { name: "n", model: "m", tools: ["bash"] }, "tools[0]"],
    ["a tool without type", { name: "n", model: "m", tools: [toolset, { name: "x" }] }, "tools[1].type"],
    ["a tool of an unknown type", { name: "n", model: "m", tools: [{ type: "web_search" }] }, "tools[0].type"],
    ["129 tools", { name: "n", model: "m", tools: Array.from({ length: 129 }, () => customTool) }, "tools"],
    ["an unknown toolset member", { name: "n", model: "m", tools: [{ ...toolset, allowed: [] }] }, "tools[0].allowed"],
    [
      "an unknown built-in tool",
      { name: "n", model: "m", tools: [{ ...toolset, enabled_tools: ["bash", "curl"] }] },
      "tools[0].enabled_tools[1]",
    ],
    [
      "an unknown disallowed tool",
      { name: "n", model: "m", tools: [{ ...toolset, disallowed_tools: ["Browser"] }] },
      "tools[0].disallowed_tools[0]",
    ],
    [
      "a config naming an unknown tool",
      { name: "n", model: "m", tools: [{ ...toolset, configs: [{ name: "curl" }] }] },
      "tools[0].configs[0].name",
    ],
    [
      "a config whose name and type differ",
      { name: "n", model: "m", tools: [{ ...toolset, configs: [{ name: "bash", type: "read" }] }] },
      "tools[0].configs[0].type",
    ],
    [
      "a config with another tool's extra",
      { name: "n", model: "m", tools: [{ ...toolset, configs: [{ name: "bash", allowed_domains: ["a.com"] }] }] },
      "tools[0].configs[0].allowed_domains",
    ],
    [
      "a config with both domain lists",
      {
        name: "n",
        model: "m",
        tools: [{ ...toolset, configs: [{ name: "web_fetch", allowed_domains: ["a.com"], blocked_domains: ["b.com"] }] }],
      },
      "tools[0].configs[0].blocked_domains",
    ],
    [
      "a config with an empty domain list",
      { name: "n", model: "m", tools: [{ ...toolset, configs: [{ name: "web_search", allowed_domains: [] }] }] },
      "tools[0].configs[0].allowed_domains",
    ],
    [
      "a config with an unknown permission policy",
      { name: "n", model: "m", tools: [{ ...toolset, configs: [{ name: "bash", permission_policy: { type: "never" } }] }] },
      "tools[0].configs[0].permission_policy.type",
    ],
    [
      "a default_config with an unknown member",
      { name: "n", model: "m", tools: [{ ...toolset, default_config: { enabled: true, timeout: 5 } }] },
      "tools[0].default_config.timeout",
    ],
    [
      "a default_config whose enabled is not a boolean",
      { name: "n", model: "m", tools: [{ type: "mcp_toolset", mcp_server_name: "x", default_config: { enabled: "yes" } }] },
      "tools[0].default_config.enabled",
    ],
    ["an mcp_toolset without server name", { name: "n", model: "m", tools: [{ type: "mcp_toolset" }] }, "tools[0].mcp_server_name"],
    [
      "an mcp_toolset config without name",
      { name: "n", model: "m", tools: [{ type: "mcp_toolset", mcp_server_name: "x", configs: [{ enabled: true }] }] },
      "tools[0].configs[0].name",
    ],
    ["a custom tool with a bad name", { name: "n", model: "m", tools: [{ ...customTool, name: "get weather" }] }, "tools[0].name"],
    [
      "a custom tool without description",
      { name: "n", model: "m", tools: [{ ...customTool, description: undefined }] },
      "tools[0].description",
    ],
    [
      "a custom tool without input_schema",
      { name: "n", model: "m", tools: [{ ...customTool, input_schema: undefined }] },
      "tools[0].input_schema",
    ],
    [
      "a custom tool whose input_schema is an array",
      { name: "n", model: "m", tools: [{ ...customTool, input_schema: [] }] },
      "tools[0].input_schema",
    ],
    ["a custom tool with an unknown member", { name: "n", model: "m", tools: [{ ...customTool, strict: true }] }, "tools[0].strict"],
    ["an MCP server that is not an object", { name: "n", model: "m", mcp_servers: ["https://x"] }, "mcp_servers[0]"],
    ["an MCP server of another type", { name: "n", model: "m", mcp_servers: [{ ...mcpServer, type: "stdio" }] }, "mcp_servers[0].type"],
    ["an MCP server without url", { name: "n", model: "m", mcp_servers: [{ type: "url", name: "x" }] }, "mcp_servers[0].url"],
    ["two MCP servers of one name", { name: "n", model: "m", mcp_servers: [mcpServer, mcpServer] }, "mcp_servers[1].name"],
    [
      "21 MCP servers",
      { name: "n", model: "m", mcp_servers: Array.from({ length: 21 }, (_, i) => ({ ...mcpServer, name: `s${i}` })) },
      "mcp_servers",
    ],
    ["21 skills", { name: "n", model: "m", skills: Array.from({ length: 21 }, () => skill) }, "skills"],
    ["a skill of an unknown type", { name: "n", model: "m", skills: [{ ...skill, type: "builtin" }] }, "skills[0].type"],
    ["a skill without skill_id", { name: "n", model: "m", skills: [{ type: "qoder" }] }, "skills[0].skill_id"],
    ["a skill version that is a number", { name: "n", model: "m", skills: [{ ...skill, version: 2 }] }, "skills[0].version"],
    ["a multiagent of another type", { name: "n", model: "m", multiagent: { type: "swarm", agents: ["agent_a"] } }, "multiagent.type"],
    ["a multiagent without agents", { name: "n", model: "m", multiagent: { type: "coordinator", agents: [] } }, "multiagent.agents"],
    [
      "a multiagent naming an agent twice",
      { name: "n", model: "m", multiagent: { type: "coordinator", agents: ["agent_a", { type: "agent", id: "agent_a" }] } },
      "multiagent.agents[1]",
    ],
    [
      "a multiagent with two advisors",
      {
        name: "n",
        model: "m",
        multiagent: {
          type: "coordinator",
          agents: [
            { type: "advisor", model: "a" },
            { type: "advisor", model: "b" },
          ],
        },
      },
      "multiagent.agents[1]",
    ],
    [
      "a multiagent member of an unknown type",
      { name: "n", model: "m", multiagent: { type: "coordinator", agents: [{ type: "human" }] } },
      "multiagent.agents[0].type",
    ],
    ["metadata with a number", { name: "n", model: "m", metadata: { a: 1 } }, "metadata.a"],
    ["an unknown field", { name: "n", model: "m", instructions: "x" }, "instructions"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    expectInvalid(await ctx.api.post("/agents", body), param);
    expect(ctx.emulator.agents()).toEqual([]);
  });

  test("a 256-character name, 128 tools, 20 MCP servers and 20 skills are accepted", async () => {
    const agent = await create({
      name: "n".repeat(256),
      model: "m",
      tools: Array.from({ length: 128 }, () => customTool),
      mcp_servers: Array.from({ length: 20 }, (_, i) => ({ ...mcpServer, name: `s${i}` })),
      skills: Array.from({ length: 20 }, () => skill),
    });
    expect([agent.tools.length, agent.mcp_servers.length, agent.skills.length]).toEqual([128, 20, 20]);
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
      tools: [customTool],
      metadata: { tier: null, owner: "ana" },
    });

    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      ...created,
      system: "",
      tools: [customTool],
      metadata: { team: "api", owner: "ana" },
      version: 2,
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect(second.body.updated_at > created.updated_at).toBe(true);

    const third = await ctx.api.post(`/agents/${created.id}`, {});
    expect(third.body).toMatchObject({ version: 3, name: "Backend fixer", tools: [customTool], skills: [{ ...skill, version: "1" }] });
    expect((await ctx.api.post(`/agents/${created.id}`, { skills: null, tools: [], model: { id: "fast" } })).body).toMatchObject({
      version: 4,
      skills: [],
      tools: [],
      model: "fast",
    });
  });

  test("update clears system and description with null or an empty string", async () => {
    const created = await create({ name: "n", model: "m", system: "s", description: "d" });

    expect((await ctx.api.post(`/agents/${created.id}`, { system: "", description: null })).body).toMatchObject({
      system: "",
      description: "",
    });
    expect((await ctx.api.post(`/agents/${created.id}`, { description: "again" })).body).toMatchObject({
      system: "",
      description: "again",
    });
    expect((await ctx.api.post(`/agents/${created.id}`, { description: "" })).body.description).toBe("");
  });

  test("an update's model object without effort keeps the stored effort; a string replaces the model whole", async () => {
    const created = await create({ name: "n", model: { id: "ultimate", effort: "high", speed: "fast" } });

    const kept = await ctx.api.post(`/agents/${created.id}`, { model: { id: "ultimate" } });
    expect(kept.body.model).toEqual({ id: "ultimate", effort: { type: "high" } });
    const changed = await ctx.api.post(`/agents/${created.id}`, { model: { id: "ultimate", effort: { type: "low" } } });
    expect(changed.body.model).toEqual({ id: "ultimate", effort: { type: "low" } });
    expect((await ctx.api.post(`/agents/${created.id}`, { model: "ultimate" })).body.model).toBe("ultimate");
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
    ["a tool of an unknown type", { tools: [{ type: "web_search" }] }, "tools[0].type"],
    ["a multiagent that is a string", { multiagent: "coordinator" }, "multiagent"],
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
      [1, ""],
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
