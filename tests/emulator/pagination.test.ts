import { AGENT_ID, ENVIRONMENT_ID, useEmulator } from "./support";

describe("pagination", () => {
  const ctx = useEmulator();

  function seed(count: number): string[] {
    return Array.from(
      { length: count },
      (_, i) => ctx.emulator.seedSession({ agent: AGENT_ID, environment_id: ENVIRONMENT_ID, title: `s${i}` }).id,
    );
  }

  async function walk(query: string): Promise<{ ids: string[]; pageSizes: number[] }> {
    const ids: string[] = [];
    const pageSizes: number[] = [];
    let page: string | null = null;
    do {
      const cursor: string = page === null ? "" : `&page=${encodeURIComponent(page)}`;
      const reply = await ctx.api.get(`/sessions?${query}${cursor}`);
      expect(reply.status).toBe(200);
      const body = reply.body;
      expect(body.has_more).toBe(body.next_page !== null);
      expect(body.first_id).toBe(body.data[0]?.id ?? null);
      expect(body.last_id).toBe(body.data.at(-1)?.id ?? null);
      ids.push(...body.data.map((s: { id: string }) => s.id));
      pageSizes.push(body.data.length);
      page = body.next_page;
    } while (page !== null);
    return { ids, pageSizes };
  }

  test("sessions list newest first in pages of 20 by default, following next_page to the end", async () => {
    const created = seed(45);

    const { ids, pageSizes } = await walk("");

    expect(pageSizes).toEqual([20, 20, 5]);
    expect(ids).toEqual([...created].reverse());
  });

  test("order=asc lists oldest first", async () => {
    const created = seed(45);

    const { ids, pageSizes } = await walk("order=asc&limit=15");

    expect(pageSizes).toEqual([15, 15, 15]);
    expect(ids).toEqual(created);
  });

  test("limit=100 returns everything at once; limit 101, 0 or not a number is a 400", async () => {
    seed(45);

    const all = await ctx.api.get("/sessions?limit=100");
    expect(all.body.data).toHaveLength(45);
    expect(all.body.has_more).toBe(false);
    expect(all.body.next_page).toBeNull();

    for (const limit of ["101", "0", "ten"]) {
      const reply = await ctx.api.get(`/sessions?limit=${limit}`);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param: "limit" });
    }
  });

  test("a session created between two pages does not shift the next page", async () => {
    const created = seed(3);
    const first = await ctx.api.get("/sessions?limit=2");
    seed(1);

    const second = await ctx.api.get(`/sessions?limit=2&page=${first.body.next_page}`);

    expect(second.body.data.map((s: { id: string }) => s.id)).toEqual([created[0]]);
    expect(second.body.has_more).toBe(false);
  });

  test("an invalid page cursor or order is a 400", async () => {
    expect((await ctx.api.get("/sessions?page=garbage")).body.error.param).toBe("page");
    expect((await ctx.api.get("/sessions?order=newest")).body.error.param).toBe("order");
  });

  test("an empty list has null ids and no next page", async () => {
    const reply = await ctx.api.get("/sessions");
    expect(reply.body).toEqual({ data: [], next_page: null, first_id: null, last_id: null, has_more: false });
  });

  test("resources list oldest first and paginate the same way", async () => {
    const session = ctx.emulator.seedSession({
      agent: AGENT_ID,
      environment_id: ENVIRONMENT_ID,
      resources: ["a", "b", "c"].map((name) => ({ url: `https://github.com/acme/${name}`, authorization_token: "t" })),
    });
    const expected = session.resources.map((r) => r.id);

    const first = await ctx.api.get(`/sessions/${session.id}/resources?limit=2`);
    const second = await ctx.api.get(`/sessions/${session.id}/resources?limit=2&page=${first.body.next_page}`);

    expect([...first.body.data, ...second.body.data].map((r: { id: string }) => r.id)).toEqual(expected);
    expect(second.body.next_page).toBeNull();
    expect((await ctx.api.get(`/sessions/${session.id}/resources?limit=101`)).status).toBe(400);
  });
});
