import { startEmulator } from "../../emulator";
import { AGENT_ID, clientFor, createBody, ENVIRONMENT_ID, expectInvalid, expectNotFound, useEmulator } from "./support";

// A new session's agent, environment, vaults and memory stores, checked against the objects the
// emulator has; ids it never had are still accepted.
describe("sessions naming agents, environments, vaults and memory stores", () => {
  const ctx = useEmulator();

  const agentBody = {
    name: "Backend fixer",
    model: { id: "ultimate", effort: "high" },
    system: "Fix failing tests.",
    description: "Fixes the backend",
    tools: [{ type: "agent_toolset_20260401" }],
    mcp_servers: [{ type: "url", name: "linear", url: "https://mcp.linear.app/sse" }],
    skills: [{ type: "custom", skill_id: "skill_1" }],
    metadata: { team: "api" },
  };

  async function created(path: string, body: Record<string, unknown>): Promise<string> {
    const reply = await ctx.api.post(path, body);
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  test("a session binds to the latest version of an agent the emulator has and embeds its snapshot, kept through later agent updates", async () => {
    const agentId = await created("/agents", agentBody);

    const first = await ctx.api.post("/sessions", createBody({ agent: agentId }));

    expect(first.status).toBe(201);
    const { metadata: _metadata, ...snapshot } = agentBody;
    expect(first.body.agent).toEqual({
      id: agentId,
      type: "agent",
      version: 1,
      ...snapshot,
      // The snapshot is of the agent as the API answers it, resolved values included.
      model: { id: "ultimate", effort: { type: "high" } },
      tools: [(await ctx.api.get(`/agents/${agentId}`)).body.tools[0]],
      skills: [{ type: "custom", skill_id: "skill_1", version: "1" }],
    });
    expect(first.body.agent_id).toBe(agentId);

    await ctx.api.post(`/agents/${agentId}`, { system: "Only fix flaky tests.", tools: [] });
    const second = await ctx.api.post("/sessions", createBody({ agent: { type: "agent", id: agentId } }));

    expect(second.body.agent).toMatchObject({ version: 2, system: "Only fix flaky tests.", tools: [] });
    expect((await ctx.api.get(`/sessions/${first.body.id}`)).body.agent).toEqual(first.body.agent);
  });

  test("a pinned version binds to that version; a version past the latest is a 404 and creates nothing", async () => {
    const agentId = await created("/agents", agentBody);
    await ctx.api.post(`/agents/${agentId}`, { name: "Renamed" });

    const pinned = await ctx.api.post("/sessions", createBody({ agent: { type: "agent", id: agentId, version: 1 } }));
    const latest = await ctx.api.post("/sessions", createBody({ agent: { type: "agent", id: agentId, version: 0 } }));
    const beyond = await ctx.api.post("/sessions", createBody({ agent: { type: "agent", id: agentId, version: 3 } }));

    expect(pinned.body.agent).toMatchObject({ version: 1, name: "Backend fixer" });
    expect(latest.body.agent).toMatchObject({ version: 2, name: "Renamed" });
    expectNotFound(beyond, `Agent '${agentId}' version 3 was not found.`);
    expect(ctx.emulator.sessions()).toHaveLength(2);
  });

  test("an archived agent, environment, vault or memory store is a 400 naming the field; nothing is created", async () => {
    const agentId = await created("/agents", agentBody);
    const environmentId = await created("/environments", { name: "Backend" });
    const vaultId = await created("/vaults", { display_name: "Secrets" });
    const storeId = await created("/memory_stores", { name: "Notes" });
    ctx.emulator.archiveAgent(agentId);
    ctx.emulator.archiveEnvironment(environmentId);
    ctx.emulator.archiveVault(vaultId);
    ctx.emulator.archiveMemoryStore(storeId);
    const memoryStore = { type: "memory_store", memory_store_id: storeId };

    const cases: [Record<string, unknown>, string, string][] = [
      [{ agent: agentId }, "agent", `Agent '${agentId}' is archived; new sessions cannot use it.`],
      [{ environment_id: environmentId }, "environment_id", `Environment '${environmentId}' is archived; new sessions cannot use it.`],
      [{ vault_ids: ["vault_made_up", vaultId] }, "vault_ids[1]", `Vault '${vaultId}' is archived; new sessions cannot use it.`],
      [
        { resources: [(createBody().resources as unknown[])[0], memoryStore] },
        "resources[1].memory_store_id",
        `Memory store '${storeId}' is archived; new sessions cannot use it.`,
      ],
      [
        { resources: [], memory_store_ids: [storeId] },
        "resources[0].memory_store_id",
        `Memory store '${storeId}' is archived; new sessions cannot use it.`,
      ],
    ];
    for (const [overrides, param, message] of cases) {
      const reply = await ctx.api.post("/sessions", createBody(overrides));
      expectInvalid(reply, param);
      expect(reply.body.error.message).toBe(message);
    }
    expect(ctx.emulator.sessions()).toEqual([]);
  });

  test("a deleted environment, vault or memory store is a 404 naming it", async () => {
    const environmentId = await created("/environments", { name: "Backend" });
    const vaultId = await created("/vaults", { display_name: "Secrets" });
    const storeId = await created("/memory_stores", { name: "Notes" });
    for (const path of [`/environments/${environmentId}`, `/vaults/${vaultId}`, `/memory_stores/${storeId}`]) {
      expect((await ctx.api.delete(path)).status).toBe(200);
    }

    expectNotFound(
      await ctx.api.post("/sessions", createBody({ environment_id: environmentId })),
      `Environment '${environmentId}' was not found.`,
    );
    expectNotFound(await ctx.api.post("/sessions", createBody({ vault_ids: [vaultId] })), `Vault '${vaultId}' was not found.`);
    expectNotFound(
      await ctx.api.post("/sessions", createBody({ memory_store_ids: [storeId] })),
      `Memory store '${storeId}' was not found.`,
    );
    expect(ctx.emulator.sessions()).toEqual([]);
  });

  test("live objects and made-up ids are both accepted; a made-up agent binds at the pinned version or 1", async () => {
    const environmentId = await created("/environments", { name: "Backend" });
    const vaultId = await created("/vaults", { display_name: "Secrets" });
    const storeId = await created("/memory_stores", { name: "Notes" });

    const known = await ctx.api.post(
      "/sessions",
      createBody({ environment_id: environmentId, vault_ids: [vaultId, "vault_made_up"], memory_store_ids: [storeId, "memstore_made_up"] }),
    );
    const madeUp = await ctx.api.post("/sessions", createBody({ agent: { type: "agent", id: "agent_made_up", version: 7 } }));

    expect(known.status).toBe(201);
    expect(known.body).toMatchObject({ environment_id: environmentId, vault_ids: [vaultId, "vault_made_up"] });
    expect(madeUp.body.agent).toEqual({ id: "agent_made_up", type: "agent", version: 7, name: "Emulated agent" });
    expect((await ctx.api.post("/sessions", createBody({ agent: "agent_other" }))).body.agent.version).toBe(1);
  });

  test("seeded sessions follow the same checks", async () => {
    const environmentId = await created("/environments", { name: "Backend" });
    ctx.emulator.archiveEnvironment(environmentId);

    expect(() => ctx.emulator.seedSession({ agent: AGENT_ID, environment_id: environmentId })).toThrow(
      `Emulator rejected the change: Environment '${environmentId}' is archived; new sessions cannot use it.`,
    );
    expect(ctx.emulator.seedSession({ agent: AGENT_ID, environment_id: ENVIRONMENT_ID }).environment_id).toBe(ENVIRONMENT_ID);
  });

  test("agents named in the emulator options are agents like any other: listed, versioned and embedded", async () => {
    const emulator = await startEmulator({ agents: [{ id: AGENT_ID, latestVersion: 3, name: "Seeded", model: "fast" }] });
    try {
      const api = clientFor(emulator);

      const agent = (await api.get(`/agents/${AGENT_ID}`)).body;
      const versions = (await api.get(`/agents/${AGENT_ID}/versions`)).body.data;
      const session = (await api.post("/sessions", createBody({ agent: AGENT_ID }))).body;

      expect(agent).toMatchObject({ id: AGENT_ID, name: "Seeded", model: "fast", version: 3, archived_at: null });
      expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
      expect(session.agent).toMatchObject({ id: AGENT_ID, version: 3, name: "Seeded", model: "fast" });
      expect((await api.post(`/agents/${AGENT_ID}`, { version: 3, name: "Updated" })).body.version).toBe(4);
      expect((await api.post("/sessions", createBody({ agent: AGENT_ID }))).body.agent).toMatchObject({ version: 4, name: "Updated" });
    } finally {
      await emulator.close();
    }
  });

  test.each([
    ["an id without the agent_ prefix", [{ id: "bot_1", latestVersion: 1 }], /does not start with 'agent_'/],
    [
      "the same id twice",
      [
        { id: AGENT_ID, latestVersion: 1 },
        { id: AGENT_ID, latestVersion: 2 },
      ],
      /already in use/,
    ],
    ["a latest version of 0", [{ id: AGENT_ID, latestVersion: 0 }], /latestVersion must be a positive integer/],
  ])("startEmulator refuses agents with %s", async (_rule, agents, message) => {
    await expect(startEmulator({ agents })).rejects.toThrow(message);
  });
});
