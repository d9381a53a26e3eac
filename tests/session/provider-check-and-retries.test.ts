import { BACKEND_TOKEN, FRONTEND_TOKEN, inputs, providerAgainstEmulator, QODER_TOKEN } from "./against-emulator";
import { invalid } from "./invalid-inputs";

let env: Awaited<ReturnType<typeof providerAgainstEmulator>>;
beforeEach(async () => {
  env = await providerAgainstEmulator();
});
afterEach(() => env.close());

test(`check refuses ${invalid.length} invalid inputs, naming the property, and sends no request`, async () => {
  for (const [name, news, property] of invalid) {
    const { failures } = await env.provider.check({} as never, news as never);
    expect({ name, properties: failures!.map((f) => f.property) }).toEqual({ name, properties: expect.arrayContaining([property]) });
  }
  expect(env.emulator.requests).toEqual([]);
});

describe("retries", () => {
  test.each(["429", "429-retry-after-ms", "503"] as const)("a create answered %s is retried and makes one Session", async (kind) => {
    env.emulator.setFaults([{ route: "POST /sessions", kind, sequence: [true, true] }]);
    const outs = (await env.provider.create(inputs)).outs;
    const posts = env.emulator.requests.filter((r) => r.method === "POST" && r.path === "/sessions");
    expect(posts.map((r) => r.fault ?? "ok")).toEqual([kind, kind, "ok"]);
    expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(env.emulator.sessions().map((s) => s.id)).toEqual([outs.sessionId]);
  });

  test("a create whose response was lost is replayed with the same key and yields the original Session", async () => {
    env.emulator.setFaults([{ route: "POST /sessions", kind: "drop-after-commit", sequence: [true] }]);
    const outs = (await env.provider.create(inputs)).outs;
    expect(env.emulator.sessions().map((s) => s.id)).toEqual([outs.sessionId]);
  });

  test("a 400 is not retried", async () => {
    const bad = {
      ...inputs,
      repositories: [
        { url: "https://github.com/acme/backend", mountPath: "/a", authorizationToken: BACKEND_TOKEN },
        { url: "https://github.com/acme/x", mountPath: "/a", authorizationToken: FRONTEND_TOKEN },
      ],
    };
    const error = await env.provider.create(bad).catch((e: Error) => e);
    expect(String(error)).toMatch(/400 invalid_request_error/);
    expect(env.emulator.requests.filter((r) => r.path === "/sessions")).toHaveLength(1);
    for (const secret of [QODER_TOKEN, BACKEND_TOKEN, FRONTEND_TOKEN]) expect(String(error)).not.toContain(secret);
  });

  test("reads are retried after a connection reset", async () => {
    const outs = (await env.provider.create(inputs)).outs;
    env.emulator.setFaults([{ route: "GET /sessions/*", kind: "reset-before", sequence: [true] }]);
    const read = await env.provider.read(outs.sessionId, outs);
    expect(read.id).toBe(outs.sessionId);
  });

  test("the retry budget is bounded: a persistent 503 fails with the API's error", async () => {
    env.emulator.setFaults([{ route: "POST /sessions", kind: "503", probability: 1 }]);
    const error = await env.provider.create(inputs).catch((e: Error) => e);
    expect(String(error)).toMatch(/503/);
    expect(env.emulator.requests.filter((r) => r.path === "/sessions")).toHaveLength(4);
    expect(env.emulator.sessions()).toEqual([]);
  });
});
