import { createBody, expectInvalid, TIMESTAMP, useEmulator } from "./support";

// Session members that shape no other behaviour (docs/api-contract.md#sessions): `budget` is kept
// and answered, `initial_events`, overrides and `environment_variables` are accepted.
describe("session budget, initial events, agent overrides and environment variables", () => {
  const ctx = useEmulator();

  const budget = { type: "limit" as const, max_list_cost: { amount: "2500", currency: "USD" } };

  async function createSession(overrides: Record<string, unknown> = {}) {
    const reply = await ctx.api.post("/sessions", createBody(overrides));
    expect(reply.status).toBe(201);
    return reply.body;
  }

  test("a budget given at create is answered by create, get and list; without one there is no budget member", async () => {
    const session = await createSession({ budget });

    expect(session.budget).toEqual(budget);
    expect((await ctx.api.get(`/sessions/${session.id}`)).body.budget).toEqual(budget);
    expect((await ctx.api.get("/sessions")).body.data[0].budget).toEqual(budget);
    expect(await createSession({ budget: null })).not.toHaveProperty("budget");
  });

  test("an update replaces the budget, keeps it when absent and removes it with null", async () => {
    const { id } = await createSession({ budget });
    const raised = { type: "limit", max_list_cost: { amount: "5000", currency: "USD" } };

    const reply = await ctx.api.post(`/sessions/${id}`, { budget: raised });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ budget: raised, updated_at: expect.stringMatching(TIMESTAMP) });
    expect((await ctx.api.post(`/sessions/${id}`, { title: "kept" })).body.budget).toEqual(raised);
    expect((await ctx.api.post(`/sessions/${id}`, { budget: null })).body).not.toHaveProperty("budget");
    expect(ctx.emulator.updateSession(id, { budget }).budget).toEqual(budget);
  });

  test("initial_events and agent_with_overrides are accepted; the overrides leave the bound agent as it is", async () => {
    const agent = (await ctx.api.post("/agents", { name: "Fixer", model: "ultimate", system: "Fix tests." })).body;

    const session = await createSession({
      agent: { type: "agent_with_overrides", id: agent.id, version: 1, model: "fast", system: "Other", tools: [], skills: null },
      initial_events: [{ type: "user.message", content: [{ type: "text", text: "Go" }] }],
    });

    expect(session.agent).toMatchObject({ id: agent.id, version: 1, model: "ultimate", system: "Fix tests." });
  });

  test("an update accepts environment_variables and agent: null; neither is answered", async () => {
    const { id } = await createSession({ environment_variables: { A: "1" } });

    const reply = await ctx.api.post(`/sessions/${id}`, { environment_variables: { B: "2" }, agent: null });

    expect(reply.status).toBe(200);
    expect(reply.text).not.toContain("environment_variables");
  });

  test.each([
    ["a budget of another type", { budget: { ...budget, type: "soft" } }, "budget.type"],
    ["a budget without max_list_cost", { budget: { type: "limit" } }, "budget.max_list_cost"],
    [
      "a budget amount that is a number",
      { budget: { type: "limit", max_list_cost: { amount: 2500, currency: "USD" } } },
      "budget.max_list_cost.amount",
    ],
    [
      "a budget amount with decimals",
      { budget: { type: "limit", max_list_cost: { amount: "25.00", currency: "USD" } } },
      "budget.max_list_cost.amount",
    ],
    [
      "a budget currency that is no ISO code",
      { budget: { type: "limit", max_list_cost: { amount: "1", currency: "usd" } } },
      "budget.max_list_cost.currency",
    ],
    ["an unknown budget member", { budget: { ...budget, period: "day" } }, "budget.period"],
    ["initial_events that are not an array", { initial_events: { type: "user.message" } }, "initial_events"],
    ["an initial event without type", { initial_events: [{ content: [] }] }, "initial_events[0].type"],
    ["agent overrides of an unknown member", { agent: { type: "agent_with_overrides", id: "agent_1", name: "x" } }, "agent.name"],
    ["overrides on the plain agent form", { agent: { type: "agent", id: "agent_1", model: "fast" } }, "agent.model"],
    ["an agent of an unknown type", { agent: { type: "agent_inline", id: "agent_1" } }, "agent.type"],
  ])("create with %s is a 400 naming the param", async (_rule, overrides, param) => {
    expectInvalid(await ctx.api.post("/sessions", createBody(overrides)), param);
    expect(ctx.emulator.sessions()).toEqual([]);
  });

  test.each([
    ["a budget that is a string", { budget: "2500" }, "budget"],
    ["environment variables that are not strings", { environment_variables: { A: 1 } }, "environment_variables.A"],
  ])("update with %s is a 400 naming the param", async (_rule, body, param) => {
    const { id } = await createSession({ budget });

    expectInvalid(await ctx.api.post(`/sessions/${id}`, body), param);
    expect((await ctx.api.get(`/sessions/${id}`)).body.budget).toEqual(budget);
  });
});
