import { DEFAULT_RETRY, retryDelayMs } from "../../provider/api/retry-policy";
import type { CreateSessionWire } from "../../provider/api/wire";
import { QoderApiError, QoderError } from "../../provider/errors";
import { apiError, clientOf, closeAll, GITHUB_TOKEN, loopback, QODER_TOKEN, type Reply, sessionBody } from "./loopback-api";

afterEach(closeAll);

const createBody: CreateSessionWire = {
  agent: "agent_1",
  environment_id: "env_1",
  resources: [{ type: "github_repository", url: "https://github.com/acme/app", authorization_token: GITHUB_TOKEN }],
};
const created: Reply = { status: 201, body: sessionBody("sess_new") };
const ok: Reply = { status: 200, body: sessionBody("sess_x") };
const unavailable: Reply = { status: 503, body: apiError("api_error", "Service unavailable.") };

/** Backoff so long that a test would time out if the client used it instead of the server's delay. */
const glacial = { baseDelayMs: 600_000, maxDelayMs: 600_000 };

describe("Idempotency-Key", () => {
  test("every retry of one createSession carries the same random key and the same body", async () => {
    const api = await loopback(unavailable, unavailable, created);
    const session = await clientOf(api).createSession(createBody);
    expect(session.id).toBe("sess_new");
    expect(api.received).toHaveLength(3);
    const keys = api.received.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(new Set(api.received.map((r) => r.body))).toEqual(new Set([JSON.stringify(createBody)]));
    expect(api.received.every((r) => r.method === "POST" && r.path === "/api/v1/cloud/sessions")).toBe(true);
  });

  test("the caller's key is sent on every attempt", async () => {
    const api = await loopback(unavailable, created);
    await clientOf(api).createSession(createBody, "key-from-caller");
    expect(api.received.map((r) => r.headers["idempotency-key"])).toEqual(["key-from-caller", "key-from-caller"]);
  });

  test("two calls get two different keys", async () => {
    const api = await loopback(created);
    const client = clientOf(api);
    await client.createSession(createBody);
    await client.createSession(createBody);
    const [first, second] = api.received.map((r) => r.headers["idempotency-key"]);
    expect(first).toBeDefined();
    expect(first).not.toBe(second);
  });

  test("every write carries a key and a GET none; the token and base path are on every request", async () => {
    const api = await loopback((request) =>
      request.method === "DELETE" ? { status: 200, body: { id: "sess_x", type: "session_deleted" } } : ok,
    );
    const client = clientOf(api);
    await client.getSession("sess_x");
    await client.archiveSession("sess_x");
    await client.updateSession("sess_x", { title: "t" });
    await client.deleteSession("sess_x");
    expect(api.received.map((r) => [r.method, r.path, r.headers["idempotency-key"] !== undefined])).toEqual([
      ["GET", "/api/v1/cloud/sessions/sess_x", false],
      ["POST", "/api/v1/cloud/sessions/sess_x/archive", true],
      ["POST", "/api/v1/cloud/sessions/sess_x", true],
      ["DELETE", "/api/v1/cloud/sessions/sess_x", true],
    ]);
    expect(api.received.every((r) => r.headers.authorization === `Bearer ${QODER_TOKEN}`)).toBe(true);
    // A body-less POST sends no content type; a POST with a body says it is JSON.
    expect(api.received[1].headers["content-type"]).toBeUndefined();
    expect(api.received[2].headers["content-type"]).toBe("application/json");
  });
});

describe("which failures are retried", () => {
  test.each([400, 401, 403, 404, 409, 422])("%i is tried exactly once, for a GET and for a keyed POST", async (status) => {
    const refusal: Reply = { status, body: apiError("invalid_request_error", `Refused with ${status}.`) };
    const api = await loopback(refusal, ok);
    const client = clientOf(api);
    const read = await client.getSession("sess_x").catch((e: unknown) => e);
    expect(read).toBeInstanceOf(QoderApiError);
    expect((read as QoderApiError).status).toBe(status);
    expect(api.received).toHaveLength(1);

    api.script(refusal, created);
    const write = await client.createSession(createBody).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(QoderApiError);
    expect((write as QoderApiError).status).toBe(status);
    expect(api.received).toHaveLength(2);
  });

  test.each([408, 429])("%i is retried, for a GET and for a keyed POST", async (status) => {
    const transient: Reply = { status, body: apiError(status === 429 ? "rate_limit_error" : "timeout_error", "Try again.") };
    const api = await loopback(transient, transient, ok);
    expect((await clientOf(api).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(3);

    api.script(transient, created);
    expect((await clientOf(api).createSession(createBody)).id).toBe("sess_new");
    expect(api.received).toHaveLength(5);
  });

  test.each([500, 502, 503, 504])("%i is retried until the budget runs out, then reported", async (status) => {
    const api = await loopback({ status, body: apiError("api_error", "Down.") });
    const error = await clientOf(api, { retry: { maxRetries: 2 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(api.received).toHaveLength(3);
    expect(error).toBeInstanceOf(QoderApiError);
    expect(error).toBeInstanceOf(QoderError);
    expect((error as QoderApiError).status).toBe(status);
  });

  test("maxRetries: 0 makes exactly one attempt", async () => {
    const api = await loopback(unavailable, ok);
    await expect(clientOf(api, { retry: { maxRetries: 0 } }).getSession("sess_x")).rejects.toThrow(QoderApiError);
    expect(api.received).toHaveLength(1);
  });

  test("x-should-retry: false stops the retry of a 503; x-should-retry: true retries a 400", async () => {
    const api = await loopback({ ...unavailable, headers: { "x-should-retry": "false" } }, ok);
    await expect(clientOf(api).getSession("sess_x")).rejects.toThrow(QoderApiError);
    expect(api.received).toHaveLength(1);

    api.script({ status: 400, headers: { "x-should-retry": "true" }, body: apiError("invalid_request_error", "Odd.") }, ok);
    expect((await clientOf(api).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(3);
  });

  test("a reset connection is retried for a GET", async () => {
    const api = await loopback({ reset: true }, ok);
    expect((await clientOf(api).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(2);
  });
});

describe("delays the server asks for", () => {
  // Each test's own timeout is the guard: with the glacial backoff, a client that ignored the
  // server's delay, or did not cap it, would wait minutes.
  test("retry-after-ms is honoured instead of the backoff", async () => {
    const api = await loopback({ status: 429, headers: { "retry-after-ms": "5" }, body: apiError("rate_limit_error", "Slow down.") }, ok);
    expect((await clientOf(api, { retry: glacial }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(2);
  }, 10_000);

  test("Retry-After in seconds is honoured instead of the backoff", async () => {
    const api = await loopback({ status: 503, headers: { "retry-after": "0" }, body: apiError("api_error", "Busy.") }, ok);
    expect((await clientOf(api, { retry: glacial }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(2);
  }, 10_000);

  test("retry-after-ms 60000 is capped by maxRetryAfterMs, and the retry happens", async () => {
    const api = await loopback(
      { status: 429, headers: { "retry-after-ms": "60000" }, body: apiError("rate_limit_error", "Slow down.") },
      created,
    );
    const session = await clientOf(api, { retry: { ...glacial, maxRetryAfterMs: 50 } }).createSession(createBody);
    expect(session.id).toBe("sess_new");
    expect(api.received).toHaveLength(2);
  }, 10_000);

  test("Retry-After of an hour is capped by maxRetryAfterMs, and the retry happens", async () => {
    const api = await loopback({ status: 503, headers: { "retry-after": "3600" }, body: apiError("api_error", "Busy.") }, ok);
    expect((await clientOf(api, { retry: { ...glacial, maxRetryAfterMs: 50 } }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(2);
  }, 10_000);

  test("a Retry-After HTTP date is honoured, capped too", async () => {
    const later = new Date(Date.now() + 3_600_000).toUTCString();
    const api = await loopback({ status: 503, headers: { "retry-after": later }, body: apiError("api_error", "Busy.") }, ok);
    expect((await clientOf(api, { retry: { ...glacial, maxRetryAfterMs: 50 } }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(2);
  }, 10_000);

  test("a server delay does not make a 4xx retryable", async () => {
    const api = await loopback({ status: 409, headers: { "retry-after": "0" }, body: apiError("conflict_error", "Reused key.") }, created);
    await expect(clientOf(api).createSession(createBody)).rejects.toThrow(QoderApiError);
    expect(api.received).toHaveLength(1);
  });

  describe("the exact delay (retryDelayMs)", () => {
    const options = { ...DEFAULT_RETRY, ...glacial, maxRetryAfterMs: 50 };
    const delay = (headers: Record<string, string>, statusCode = 429) =>
      retryDelayMs({ method: "POST", idempotent: true, attempt: 1, statusCode, headers }, options, () => 0.5);

    test.each([
      ["retry-after-ms 60000, capped", { "retry-after-ms": "60000" }, 50],
      ["retry-after-ms under the cap", { "retry-after-ms": "20" }, 20],
      ["retry-after-ms 0", { "retry-after-ms": "0" }, 0],
      ["Retry-After 3600 s, capped", { "retry-after": "3600" }, 50],
      ["Retry-After 0 s", { "retry-after": "0" }, 0],
      ["retry-after-ms before Retry-After", { "retry-after-ms": "10", "retry-after": "3600" }, 10],
      ["a malformed retry-after-ms falls back to Retry-After", { "retry-after-ms": "soon", "retry-after": "0" }, 0],
      ["a past HTTP date", { "retry-after": "Thu, 01 Jan 2015 00:00:00 GMT" }, 0],
      ["an unreadable Retry-After falls back to the backoff", { "retry-after": "whenever" }, 450_000],
    ])("%s", (_what, headers, expected) => {
      expect(delay(headers)).toBe(expected);
    });

    test("the cap is maxRetryAfterMs, not maxDelayMs", () => {
      const small = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 30_000 };
      expect(retryDelayMs({ method: "GET", idempotent: false, attempt: 1, statusCode: 503, headers: { "retry-after": "20" } }, small)).toBe(
        20_000,
      );
    });

    test("408 is retried for a safe request only", () => {
      expect(retryDelayMs({ method: "GET", idempotent: false, attempt: 1, statusCode: 408 }, options, () => 0)).toBe(300_000);
      expect(retryDelayMs({ method: "POST", idempotent: false, attempt: 1, statusCode: 408 }, options)).toBeUndefined();
      expect(retryDelayMs({ method: "POST", idempotent: false, attempt: 1, statusCode: 422 }, options)).toBeUndefined();
    });
  });
});
