import { IDEMPOTENCY_TTL_MS, startEmulator } from "../../emulator";
import { clientFor, createBody, useEmulator } from "./support";

describe("idempotency", () => {
  const ctx = useEmulator({ tokens: ["test-token", "pt-other"] });
  const key = (value: string) => ({ "idempotency-key": value });

  test("the same key and body replays the original status and body without a new session", async () => {
    const first = await ctx.api.post("/sessions", createBody(), key("k1"));
    const replay = await ctx.api.post("/sessions", createBody(), key("k1"));

    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(ctx.emulator.sessions()).toHaveLength(1);
    expect(ctx.emulator.requests.map((r) => r.idempotentReplay ?? false)).toEqual([false, true]);
  });

  test("member order and whitespace do not make a body different", async () => {
    const first = await ctx.api.request("POST", "/sessions", { rawBody: JSON.stringify(createBody()), headers: key("k") });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(createBody()).reverse()), null, 2);

    const replay = await ctx.api.request("POST", "/sessions", { rawBody: reordered, headers: key("k") });

    expect(replay.text).toBe(first.text);
  });

  test("the same key with a different body is a 409 conflict_error", async () => {
    await ctx.api.post("/sessions", createBody(), key("k2"));

    const reply = await ctx.api.post("/sessions", createBody({ title: "other" }), key("k2"));

    expect(reply.status).toBe(409);
    expect(reply.body.error).toEqual({ type: "conflict_error", message: "Idempotency key reused with a different request body." });
    expect(ctx.emulator.sessions()).toHaveLength(1);
  });

  test("keys are scoped per token, method and path", async () => {
    await ctx.api.post("/sessions", createBody(), key("shared"));
    await clientFor(ctx.emulator, "pt-other").post("/sessions", createBody(), key("shared"));
    expect(ctx.emulator.sessions()).toHaveLength(2);

    const [one] = ctx.emulator.sessions();
    const archived = await ctx.api.post(`/sessions/${one!.id}/archive`, undefined, key("shared"));
    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).not.toBeNull();
  });

  test("a replayed DELETE answers the original 200 instead of a 404", async () => {
    const created = (await ctx.api.post("/sessions", createBody())).body;

    const first = await ctx.api.delete(`/sessions/${created.id}`, key("del"));
    const replay = await ctx.api.delete(`/sessions/${created.id}`, key("del"));

    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expect((await ctx.api.delete(`/sessions/${created.id}`)).status).toBe(404);
  });

  test("validation failures are replayed too, so a retried bad request stays a 400", async () => {
    const first = await ctx.api.post("/sessions", createBody({ agent: "nope" }), key("bad"));
    const replay = await ctx.api.post("/sessions", createBody({ agent: "nope" }), key("bad"));

    expect(first.status).toBe(400);
    expect(replay.text).toBe(first.text);
  });

  test("a key expires after 24 hours", async () => {
    let now = Date.parse("2026-06-23T05:53:19.774Z");
    const emulator = await startEmulator({ now: () => new Date(now) });
    try {
      const api = clientFor(emulator);
      const first = await api.post("/sessions", createBody(), key("daily"));
      now += IDEMPOTENCY_TTL_MS - 1;
      expect((await api.post("/sessions", createBody(), key("daily"))).body.id).toBe(first.body.id);

      now += 1;
      const later = await api.post("/sessions", createBody(), key("daily"));

      expect(later.status).toBe(201);
      expect(later.body.id).not.toBe(first.body.id);
      expect(emulator.sessions()).toHaveLength(2);
    } finally {
      await emulator.close();
    }
  });

  test("300 parallel creates without a key make exactly 300 distinct sessions", async () => {
    const replies = await Promise.all(Array.from({ length: 300 }, (_, i) => ctx.api.post("/sessions", createBody({ title: `t${i}` }))));

    expect(replies.every((r) => r.status === 201)).toBe(true);
    const ids = new Set(replies.map((r) => r.body.id));
    expect(ids.size).toBe(300);
    expect(
      ctx.emulator
        .sessions()
        .map((s) => s.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  test("200 parallel creates with one key make exactly one session and all get its body", async () => {
    const replies = await Promise.all(Array.from({ length: 200 }, () => ctx.api.post("/sessions", createBody(), key("burst"))));

    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(replies[0]!.status).toBe(201);
    expect(ctx.emulator.sessions()).toHaveLength(1);
  });
});
