import { DEFAULT_RETRY, isRateLimit, retryVerdict } from "../../provider/api/retry-policy";
import { RetryRun } from "../../provider/api/retry-run";

const half = () => 0.5;

describe("which limit covers a failure", () => {
  test("a 429, and a 503 that says when to come back, are rate limits; a bare 503 is not", () => {
    expect(isRateLimit({ statusCode: 429 })).toBe(true);
    expect(isRateLimit({ statusCode: 503, headers: { "retry-after": "1" } })).toBe(true);
    expect(isRateLimit({ statusCode: 503, headers: { "retry-after-ms": "250" } })).toBe(true);
    expect(isRateLimit({ statusCode: 503 })).toBe(false);
    expect(isRateLimit({ statusCode: 503, headers: { "retry-after": "whenever" } })).toBe(false);
    expect(isRateLimit({ statusCode: 500, headers: { "retry-after": "1" } })).toBe(false);
    expect(isRateLimit({})).toBe(false);
  });

  test("a rate limit is retried at any count while within the budget, and not once past it", () => {
    const options = { ...DEFAULT_RETRY, maxRetries: 1, rateLimitBudgetMs: 1_000 };
    const at = (elapsedMs: number) =>
      retryVerdict({ method: "GET", idempotent: false, attempt: 0, rateLimited: 40, elapsedMs, statusCode: 429 }, options, half);
    expect(at(999)).toEqual({ retry: true, delayMs: 6_000 });
    expect(at(1_000)).toEqual({ retry: false, ranOut: "rateLimitBudget" });
  });

  test("the server's delay is honoured under the budget, capped as before", () => {
    const options = { ...DEFAULT_RETRY, maxRetryAfterMs: 5_000 };
    const verdict = (headers: Record<string, string>, statusCode = 503) =>
      retryVerdict({ method: "GET", idempotent: false, attempt: 0, rateLimited: 9, elapsedMs: 10, statusCode, headers }, options);
    expect(verdict({ "retry-after": "1" })).toEqual({ retry: true, delayMs: 1_000 });
    expect(verdict({ "retry-after-ms": "60000" }, 429)).toEqual({ retry: true, delayMs: 5_000 });
  });

  test("other transient failures give up after maxRetries, whatever the budget", () => {
    const options = { ...DEFAULT_RETRY, maxRetries: 2, rateLimitBudgetMs: 10_000_000 };
    expect(retryVerdict({ method: "GET", idempotent: false, attempt: 2, elapsedMs: 0, statusCode: 503 }, options, half)).toEqual({
      retry: true,
      delayMs: 750,
    });
    expect(retryVerdict({ method: "GET", idempotent: false, attempt: 3, elapsedMs: 0, statusCode: 503 }, options, half)).toEqual({
      retry: false,
      ranOut: "maxRetries",
    });
    expect(retryVerdict({ method: "GET", idempotent: false, attempt: 3, errorCode: "ECONNRESET" }, options, half)).toEqual({
      retry: false,
      ranOut: "maxRetries",
    });
  });

  test("a failure that is never retried names no limit", () => {
    expect(retryVerdict({ method: "GET", idempotent: true, attempt: 9, statusCode: 400 }, DEFAULT_RETRY)).toEqual({ retry: false });
    expect(retryVerdict({ method: "POST", idempotent: false, attempt: 9, statusCode: 503 }, DEFAULT_RETRY)).toEqual({ retry: false });
    expect(
      retryVerdict({ method: "GET", idempotent: true, attempt: 1, statusCode: 429, headers: { "x-should-retry": "false" } }, DEFAULT_RETRY),
    ).toEqual({ retry: false });
  });

  test("the backoff of a rate limit without a delay steps by the count of rate limits", () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    const verdicts = [1, 2, 3, 4, 5].map((rateLimited) =>
      retryVerdict({ method: "GET", idempotent: false, attempt: 0, rateLimited, statusCode: 429 }, options, half),
    );
    expect(verdicts.map((verdict) => verdict.retry && verdict.delayMs)).toEqual([75, 150, 300, 600, 750]);
  });
});

describe("one call's retries (RetryRun)", () => {
  /** A clock the test moves by hand. */
  function clock() {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  test("counts every attempt, and after the budget says how many over how long", () => {
    const time = clock();
    const run = new RetryRun(DEFAULT_RETRY, "GET", false, time.now);
    for (let i = 0; i < 300; i++) {
      expect(run.failed({ statusCode: 429, headers: { "retry-after": "1" } })).toEqual({ retry: true, delayMs: 1_000 });
      time.advance(1_000);
    }
    // The wait and the last answer took a while: the budget bounds when a retry starts, not when it ends.
    time.advance(12_000);
    expect(run.failed({ statusCode: 429, headers: { "retry-after": "1" } })).toEqual({ retry: false, ranOut: "rateLimitBudget" });
    expect(run.exhaustion()).toBe(
      "Gave up after 301 attempts over 312 s: the rate-limit budget (qoder:rateLimitBudget, 300 s) ran out; raise it with `pulumi config set qoder:rateLimitBudget <seconds>` (or the provider option rateLimitBudgetMs)",
    );
  });

  test("rate limits in between do not use up maxRetries; the message names maxRetries when it runs out", () => {
    const time = clock();
    const run = new RetryRun({ ...DEFAULT_RETRY, maxRetries: 4 }, "POST", true, time.now);
    for (let i = 0; i < 4; i++) {
      expect(run.failed({ statusCode: 502 }).retry).toBe(true);
      expect(run.failed({ statusCode: 429 }).retry).toBe(true);
      time.advance(1_900);
    }
    expect(run.exhaustion()).toBeUndefined();
    expect(run.failed({ errorCode: "ECONNRESET" })).toEqual({ retry: false, ranOut: "maxRetries" });
    expect(run.exhaustion()).toBe(
      "Gave up after 9 attempts over 7.6 s: qoder:maxRetries (4) ran out; raise it with `pulumi config set qoder:maxRetries <count>` (or the provider option maxRetries)",
    );
  });

  test("a failure that is not retried leaves no message", () => {
    const run = new RetryRun(DEFAULT_RETRY, "GET", false);
    expect(run.failed({ statusCode: 404 })).toEqual({ retry: false });
    expect(run.exhaustion()).toBeUndefined();
  });
});
