import { type FaultRule, startEmulator } from "../../emulator";
import { clientFor, createBody, heldDelays, useEmulator } from "./support";

describe("fault injection", () => {
  const ctx = useEmulator();

  test("a scripted sequence answers 503 first, then handles the retry", async () => {
    ctx.emulator.setFaults([{ route: "POST /sessions", kind: "503", sequence: [true, false] }]);

    const failed = await ctx.api.post("/sessions", createBody());
    const retried = await ctx.api.post("/sessions", createBody());

    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({
      type: "error",
      request_id: expect.any(String),
      error: { type: "api_error", message: expect.any(String) },
    });
    expect(retried.status).toBe(201);
    expect(ctx.emulator.sessions()).toHaveLength(1);
    expect(ctx.emulator.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, "503"],
      [201, undefined],
    ]);
  });

  test("429 faults carry Retry-After or retry-after-ms and a rate_limit_error", async () => {
    ctx.emulator.setFaults([
      { kind: "429-retry-after", sequence: [true, false] },
      { kind: "429-retry-after-ms", sequence: [false, true] },
    ]);

    const seconds = await ctx.api.get("/sessions");
    const millis = await ctx.api.get("/sessions");

    expect(seconds.status).toBe(429);
    expect(seconds.headers.get("retry-after")).toBe("1");
    expect(seconds.body.error.type).toBe("rate_limit_error");
    expect(millis.status).toBe(429);
    expect(millis.headers.get("retry-after-ms")).toBe("50");
  });

  test("drop-after-commit creates the session but never answers; a keyed retry replays it", async () => {
    ctx.emulator.setFaults([{ route: "POST /sessions", kind: "drop-after-commit", times: 1 }]);
    const headers = { "idempotency-key": "create-once" };

    await expect(ctx.api.post("/sessions", createBody(), headers)).rejects.toThrow();
    expect(ctx.emulator.sessions()).toHaveLength(1);
    expect(ctx.emulator.requests).toHaveLength(1);
    expect(ctx.emulator.requests[0]).toMatchObject({ status: 201, fault: "drop-after-commit" });

    const retried = await ctx.api.post("/sessions", createBody(), headers);
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(ctx.emulator.sessions()[0]!.id);
    expect(ctx.emulator.sessions()).toHaveLength(1);
  });

  test("reset-before drops the connection without creating anything", async () => {
    ctx.emulator.setFaults([{ route: "POST /sessions", kind: "reset-before", times: 1 }]);

    await expect(ctx.api.post("/sessions", createBody())).rejects.toThrow();

    expect(ctx.emulator.sessions()).toHaveLength(0);
    expect(ctx.emulator.requests).toHaveLength(1);
    expect(ctx.emulator.requests[0]).toMatchObject({ status: null, fault: "reset-before" });
    expect((await ctx.api.post("/sessions", createBody())).status).toBe(201);
  });

  test("a rule only touches requests its route matches", async () => {
    ctx.emulator.setFaults([{ route: "GET /sessions/*", kind: "500" }]);

    const created = await ctx.api.post("/sessions", createBody());
    const listed = await ctx.api.get("/sessions");
    const fetched = await ctx.api.get(`/sessions/${created.body.id}`);

    expect([created.status, listed.status, fetched.status]).toEqual([201, 200, 500]);
  });

  test("times limits a fault to the first N matching requests", async () => {
    ctx.emulator.setFaults([{ kind: "502", times: 2 }]);

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ctx.api.get("/sessions")).status);

    expect(statuses).toEqual([502, 502, 200, 200]);
  });

  test("probabilistic faults repeat exactly for the same seed", async () => {
    const rules: FaultRule[] = [{ kind: "503", probability: 0.5 }];
    const run = async (seed: number) => {
      const emulator = await startEmulator({ seed, faults: rules });
      try {
        const api = clientFor(emulator);
        const statuses: number[] = [];
        for (let i = 0; i < 24; i++) statuses.push((await api.get("/sessions")).status);
        return statuses;
      } finally {
        await emulator.close();
      }
    };

    const first = await run(7);

    expect(await run(7)).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  test("latency, global or injected, holds the request for that long before it is handled", async () => {
    const delays = heldDelays();
    const emulator = await startEmulator({ sleep: delays.sleep });
    try {
      const api = clientFor(emulator);
      const heldThenAnswered = async () => {
        const reply = api.get("/sessions");
        const delay = await delays.next();
        expect(emulator.requests.at(-1)).toMatchObject({ status: null }); // not handled while the delay runs
        delay.release();
        expect((await reply).status).toBe(200);
        return delay.ms;
      };

      emulator.setLatency(60);
      expect(await heldThenAnswered()).toBe(60);
      expect(emulator.requests.at(-1)).toMatchObject({ status: 200 });
      expect(emulator.requests.at(-1)).not.toHaveProperty("fault");

      emulator.setLatency(0);
      emulator.setFaults([{ kind: "latency", delayMs: 60 }]);
      expect(await heldThenAnswered()).toBe(60);
      expect(emulator.requests.at(-1)).toMatchObject({ status: 200, fault: "latency" });

      emulator.setLatency(15);
      expect(await heldThenAnswered()).toBe(75); // both add up

      emulator.setLatency(0);
      emulator.setFaults([]);
      expect((await api.get("/sessions")).status).toBe(200);
      expect(delays.asked).toEqual([60, 60, 75]); // no delay asked for without latency
    } finally {
      await emulator.close();
    }
  });

  test("an invalid rule is refused when it is installed", () => {
    expect(() => ctx.emulator.setFaults([{ kind: "418" as FaultRule["kind"] }])).toThrow(/kind/);
    expect(() => ctx.emulator.setFaults([{ kind: "503", probability: 2 }])).toThrow(/probability/);
  });
});
