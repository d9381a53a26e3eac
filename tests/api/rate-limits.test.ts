import { QoderApiError, QoderNetworkError } from "../../provider/errors";
import { apiError, clientOf, closeAll, loopback, QODER_TOKEN, type Reply, sessionBody, tokenForms } from "./loopback-api";

afterEach(closeAll);

// Server delays are a millisecond or two and budgets a fraction of a second, so these tests are
// fast; they assert on counts of requests and on messages, never on how long anything took.
const ok: Reply = { status: 200, body: sessionBody("sess_x") };
const throttled = (headers: Record<string, string> = { "retry-after-ms": "1" }): Reply => ({
  status: 429,
  headers,
  body: apiError("rate_limit_error", "Rate limit exceeded. Please retry later."),
});
const busy = (headers: Record<string, string> = {}): Reply => ({ status: 503, headers, body: apiError("api_error", "Busy.") });
const times = (n: number, reply: Reply): Reply[] => Array.from({ length: n }, () => reply);

const budgetRanOut =
  /Gave up after \d+ attempts over [\d.]+ s: the rate-limit budget \(qoder:rateLimitBudget, 0\.1 s\) ran out; raise it with `pulumi config set qoder:rateLimitBudget <seconds>` \(or the provider option rateLimitBudgetMs\)/;

function expectNoToken(error: unknown): void {
  for (const form of tokenForms(QODER_TOKEN)) expect(String(error)).not.toContain(form);
}

describe("the rate-limit budget", () => {
  test("429s are retried far beyond maxRetries while the budget lasts", async () => {
    const api = await loopback(...times(12, throttled()), ok);
    const session = await clientOf(api, { retry: { maxRetries: 1 } }).getSession("sess_x");
    expect(session?.id).toBe("sess_x");
    expect(api.received).toHaveLength(13);
  });

  test("a 429 without a delay is retried with the backoff, also beyond maxRetries", async () => {
    const api = await loopback(...times(6, throttled({})), ok);
    expect((await clientOf(api, { retry: { maxRetries: 0 } }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(7);
  });

  test("when the budget runs out the call fails, saying which limit ran out and the setting to raise", async () => {
    const api = await loopback(throttled({ "retry-after-ms": "20" }));
    const error = await clientOf(api, { retry: { maxRetries: 10, rateLimitBudgetMs: 100 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderApiError);
    expect((error as QoderApiError).status).toBe(429);
    expect(String(error)).toMatch(/refused GET \/sessions\/sess_x: 429 rate_limit_error: Rate limit exceeded\. Please retry later\./);
    expect(String(error)).toMatch(budgetRanOut);
    expect(String(error)).not.toMatch(/maxRetries/);
    // It was retried (the first answers came well within the budget) and then it stopped.
    expect(api.received.length).toBeGreaterThan(1);
    const attempts = Number(/Gave up after (\d+) attempts/.exec(String(error))?.[1]);
    expect(attempts).toBe(api.received.length);
    expectNoToken(error);
  });

  test("a budget of 0 retries no rate limit, and says so", async () => {
    const api = await loopback(throttled(), ok);
    const error = await clientOf(api, { retry: { rateLimitBudgetMs: 0 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(api.received).toHaveLength(1);
    expect(String(error)).toMatch(/Gave up after 1 attempt over [\d.]+ s: the rate-limit budget \(qoder:rateLimitBudget, 0 s\) ran out/);
  });

  test("a write is retried under the budget with the same Idempotency-Key", async () => {
    const api = await loopback(...times(8, throttled()), { status: 201, body: sessionBody("sess_new") });
    const session = await clientOf(api, { retry: { maxRetries: 0 } }).createSession({
      agent: "agent_1",
      environment_id: "env_1",
      resources: [],
    });
    expect(session.id).toBe("sess_new");
    expect(new Set(api.received.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    expect(api.received).toHaveLength(9);
  });
});

describe("503 with and without a delay", () => {
  test.each([
    ["retry-after-ms", { "retry-after-ms": "1" }],
    ["Retry-After", { "retry-after": "0" }],
  ])("a 503 carrying %s is retried under the budget, beyond maxRetries", async (_name, headers) => {
    const api = await loopback(...times(6, busy(headers)), ok);
    expect((await clientOf(api, { retry: { maxRetries: 1 } }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(7);
  });

  test("a 503 carrying Retry-After fails once the budget runs out, naming the budget", async () => {
    const api = await loopback(busy({ "retry-after-ms": "20" }));
    const error = await clientOf(api, { retry: { maxRetries: 0, rateLimitBudgetMs: 100 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect((error as QoderApiError).status).toBe(503);
    expect(String(error)).toMatch(budgetRanOut);
  });

  test("a 503 without a delay is retried maxRetries times, then fails naming qoder:maxRetries", async () => {
    const api = await loopback(busy());
    const error = await clientOf(api, { retry: { maxRetries: 2 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(api.received).toHaveLength(3);
    expect(error).toBeInstanceOf(QoderApiError);
    expect(String(error)).toMatch(
      /503 api_error: Busy\.(?: \(request_id [^)]+\))?\. Gave up after 3 attempts over [\d.]+ s: qoder:maxRetries \(2\) ran out; raise it with `pulumi config set qoder:maxRetries <count>` \(or the provider option maxRetries\)/,
    );
    expect(String(error)).not.toMatch(/rateLimitBudget/);
  });

  test("rate limits do not use up maxRetries; the other failures do", async () => {
    const api = await loopback(busy(), throttled(), throttled(), throttled(), busy(), ok);
    expect((await clientOf(api, { retry: { maxRetries: 2 } }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(6);

    api.script(busy(), throttled(), busy(), throttled(), busy(), ok);
    const error = await clientOf(api, { retry: { maxRetries: 2 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(api.received).toHaveLength(11);
    expect(String(error)).toMatch(/Gave up after 5 attempts over [\d.]+ s: qoder:maxRetries \(2\) ran out/);
  });
});

describe("what the final error says", () => {
  test("a refused connection that outlasts maxRetries says so", async () => {
    const api = await loopback(ok);
    await api.close();
    const error = await clientOf(api, { retry: { maxRetries: 1 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderNetworkError);
    expect(String(error)).toMatch(/ECONNREFUSED.*Gave up after 2 attempts over [\d.]+ s: qoder:maxRetries \(1\) ran out/);
  });

  test("a failure that is not retried says nothing of limits", async () => {
    const api = await loopback({ status: 400, body: apiError("invalid_request_error", "Bad.") });
    const error = await clientOf(api)
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(String(error)).not.toMatch(/Gave up|ran out/);
    api.script({ ...busy(), headers: { "x-should-retry": "false" } });
    const refused = await clientOf(api)
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(String(refused)).not.toMatch(/Gave up|ran out/);
  });
});
