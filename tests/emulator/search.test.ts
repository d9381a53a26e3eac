import { AGENT_ID, ENVIRONMENT_ID, TIMESTAMP, useEmulator } from "./support";

// Session search (beta): docs/api-contract.md#sessions, #pagination.
describe("session search", () => {
  const ctx = useEmulator();
  const BETA = { "x-qoder-beta": "search-2026-08-31" };

  function seed(metadata: Record<string, string>, title = ""): string {
    return ctx.emulator.seedSession({ agent: AGENT_ID, environment_id: ENVIRONMENT_ID, title, metadata }).id;
  }

  const search = (body: unknown, headers: Record<string, string> = BETA) => ctx.api.post("/sessions/search", body, headers);
  const ids = (data: { id: string }[]) => data.map((s) => s.id);

  test("without the beta header it is a 400 invalid_request_error that names the header", async () => {
    seed({ team: "core" });

    const withoutBeta: Record<string, string>[] = [{}, { "x-qoder-beta": "search-2025-01-01" }];
    for (const headers of withoutBeta) {
      const reply = await search({}, headers);
      expect(reply.status).toBe(400);
      expect(reply.body.error.type).toBe("invalid_request_error");
      expect(reply.body.error.message).toContain("x-qoder-beta: search-2026-08-31");
    }
  });

  test("the beta may be one of several listed in the header", async () => {
    seed({});
    const reply = await search({}, { "x-qoder-beta": "other-2026-01-01, search-2026-08-31" });
    expect(reply.status).toBe(200);
  });

  test("metadata matches exactly, every key ANDed; the answer is the list envelope plus total", async () => {
    const both = seed({ team: "core", env: "prod" }, "both");
    seed({ team: "core", env: "dev" });
    seed({ team: "Core", env: "prod" });
    seed({ env: "prod" });

    const reply = await search({ metadata: { team: "core", env: "prod" } });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      data: [
        expect.objectContaining({
          id: both,
          type: "session",
          title: "both",
          metadata: { team: "core", env: "prod" },
          created_at: expect.stringMatching(TIMESTAMP),
        }),
      ],
      next_page: null,
      first_id: both,
      last_id: both,
      has_more: false,
      total: 1,
    });
    expect(reply.body.data[0]).toEqual((await ctx.api.get(`/sessions/${both}`)).body);
  });

  test("an empty body matches every live session, newest first, with a total", async () => {
    const created = [seed({ a: "1" }), seed({}), seed({ b: "2" })];

    const reply = await ctx.api.request("POST", "/sessions/search", { headers: BETA });

    expect(reply.status).toBe(200);
    expect(ids(reply.body.data)).toEqual([...created].reverse());
    expect(reply.body.total).toBe(3);
  });

  test("archived sessions are left out unless include_archived is true", async () => {
    const live = seed({ team: "core" });
    const archived = seed({ team: "core" });
    ctx.emulator.archiveSession(archived);

    const hidden = await search({ metadata: { team: "core" } });
    expect(ids(hidden.body.data)).toEqual([live]);
    expect(hidden.body.total).toBe(1);

    const shown = await search({ metadata: { team: "core" }, include_archived: true });
    expect(ids(shown.body.data)).toEqual([archived, live]);
    expect(shown.body.total).toBe(2);
  });

  test("pages follow next_page with limit and order; total is on the first page only", async () => {
    const matching = Array.from({ length: 25 }, (_, i) => seed({ team: "core", n: String(i) }));
    seed({ team: "other" });

    const first = await search({ metadata: { team: "core" }, limit: 10, order: "asc" });
    expect(first.body).toMatchObject({ total: 25, has_more: true });
    expect(ids(first.body.data)).toEqual(matching.slice(0, 10));
    expect(first.body.first_id).toBe(matching[0]);
    expect(first.body.last_id).toBe(matching[9]);

    const second = await search({ metadata: { team: "core" }, limit: 10, order: "asc", page: first.body.next_page });
    expect(ids(second.body.data)).toEqual(matching.slice(10, 20));
    expect(second.body).not.toHaveProperty("total");

    const third = await search({ metadata: { team: "core" }, limit: 10, order: "asc", page: second.body.next_page });
    expect(ids(third.body.data)).toEqual(matching.slice(20));
    expect(third.body).toMatchObject({ has_more: false, next_page: null });
    expect(third.body).not.toHaveProperty("total");

    const defaults = await search({ metadata: { team: "core" } });
    expect(ids(defaults.body.data)).toEqual([...matching].reverse().slice(0, 20));
  });

  test("no match answers an empty page with total 0", async () => {
    seed({ team: "core" });
    const reply = await search({ metadata: { team: "nobody" } });
    expect(reply.body).toEqual({ data: [], next_page: null, first_id: null, last_id: null, has_more: false, total: 0 });
  });

  test.each([
    ["limit above 100", { limit: 101 }, "limit"],
    ["limit 0", { limit: 0 }, "limit"],
    ["limit not a number", { limit: "10" }, "limit"],
    ["an unknown order", { order: "newest" }, "order"],
    ["a page cursor that is not one", { page: "garbage" }, "page"],
    ["include_archived not a boolean", { include_archived: "true" }, "include_archived"],
    ["metadata not an object", { metadata: ["team"] }, "metadata"],
    ["a metadata value that is not a string", { metadata: { team: 1 } }, "metadata.team"],
    ["a metadata key longer than 64", { metadata: { ["k".repeat(65)]: "v" } }, `metadata.${"k".repeat(65)}`],
    ["a filter the emulator does not implement", { statuses: ["idle"] }, "statuses"],
    ["an unknown field", { query: "x" }, "query"],
  ])("%s is a 400 naming the param", async (_rule, body, param) => {
    const reply = await search(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param });
  });

  test("Idempotency-Key is ignored: a search is a read and always answers the current state", async () => {
    seed({ team: "core" });
    const headers = { ...BETA, "idempotency-key": "same-key" };

    const before = await search({ metadata: { team: "core" } }, headers);
    seed({ team: "core" });
    const after = await search({ metadata: { team: "core" } }, headers);
    const otherBody = await search({ metadata: {} }, headers);

    expect(before.body.total).toBe(1);
    expect(after.body.total).toBe(2);
    expect(otherBody.status).toBe(200);
    expect(ctx.emulator.requests.map((r) => r.idempotentReplay)).toEqual([undefined, undefined, undefined]);
  });

  test("search is not mistaken for a session id", async () => {
    const reply = await ctx.api.get("/sessions/search");
    expect(reply.status).toBe(404);
    expect(reply.body.error.message).toBe("Session 'search' was not found.");
  });
});
