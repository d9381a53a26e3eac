import { DEFAULT_RETRY, retryDelayMs, serverDelayMs } from "../../provider/api/retry-policy";

const half = () => 0.5;
const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe("retry policy", () => {
  test("429 is retried for any method, even a POST without an idempotency key", () => {
    expect(retryDelayMs({ method: "POST", idempotent: false, attempt: 1, statusCode: 429 }, options, half)).toBeDefined();
  });

  test("5xx and connection errors are retried only when replay is safe", () => {
    expect(retryDelayMs({ method: "POST", idempotent: false, attempt: 1, statusCode: 503 }, options, half)).toBeUndefined();
    expect(retryDelayMs({ method: "POST", idempotent: false, attempt: 1, errorCode: "ECONNRESET" }, options, half)).toBeUndefined();
    expect(retryDelayMs({ method: "POST", idempotent: true, attempt: 1, statusCode: 503 }, options, half)).toBeDefined();
    expect(retryDelayMs({ method: "GET", idempotent: false, attempt: 1, errorCode: "ECONNRESET" }, options, half)).toBeDefined();
  });

  test("4xx other than 429 is never retried", () => {
    for (const statusCode of [400, 401, 403, 404, 409]) {
      expect(retryDelayMs({ method: "GET", idempotent: true, attempt: 1, statusCode }, options, half)).toBeUndefined();
    }
  });

  test("backoff doubles with jitter and is capped", () => {
    const delays = [1, 2, 3, 4].map((attempt) =>
      retryDelayMs({ method: "GET", idempotent: false, attempt, statusCode: 503 }, { ...options, maxRetries: 10 }, half),
    );
    expect(delays).toEqual([75, 150, 300, 600]);
    const capped = retryDelayMs({ method: "GET", idempotent: false, attempt: 9, statusCode: 503 }, { ...options, maxRetries: 10 }, () => 1);
    expect(capped).toBe(1000);
  });

  test("gives up after maxRetries", () => {
    expect(retryDelayMs({ method: "GET", idempotent: false, attempt: 5, statusCode: 503 }, options, half)).toBeUndefined();
  });

  test("Retry-After and retry-after-ms are honoured up to the cap", () => {
    expect(retryDelayMs({ method: "POST", idempotent: false, attempt: 1, statusCode: 429, headers: { "retry-after": "2" } }, options)).toBe(
      2000,
    );
    expect(
      retryDelayMs({ method: "POST", idempotent: false, attempt: 1, statusCode: 429, headers: { "retry-after-ms": "50" } }, options),
    ).toBe(50);
    expect(
      retryDelayMs({ method: "POST", idempotent: false, attempt: 1, statusCode: 429, headers: { "retry-after": "600" } }, options),
    ).toBe(5000);
    expect(serverDelayMs({ "retry-after": new Date(Date.UTC(2030, 0, 1, 0, 0, 3)).toUTCString() }, Date.UTC(2030, 0, 1))).toBe(3000);
  });

  test("x-should-retry: false stops a retry", () => {
    expect(
      retryDelayMs({ method: "GET", idempotent: true, attempt: 1, statusCode: 503, headers: { "x-should-retry": "false" } }, options),
    ).toBeUndefined();
  });
});

describe("retry policy: which methods and errors", () => {
  test.each(["GET", "HEAD", "OPTIONS", "get"])("%s is safe to replay after a 503 or a reset, without an idempotency key", (method) => {
    expect(retryDelayMs({ method, idempotent: false, attempt: 1, statusCode: 503 }, options, half)).toBe(75);
    expect(retryDelayMs({ method, idempotent: false, attempt: 1, errorCode: "ECONNRESET" }, options, half)).toBe(75);
  });

  test.each([
    "ECONNRESET",
    "ECONNREFUSED",
    "EPIPE",
    "ETIMEDOUT",
    "UND_ERR_SOCKET",
    "UND_ERR_CLOSED",
    "UND_ERR_CONNECT_TIMEOUT",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
  ])("connection error %s is retried", (errorCode) => {
    expect(retryDelayMs({ method: "GET", idempotent: false, attempt: 1, errorCode }, options, half)).toBe(75);
  });

  test("other connection errors, and a failure with no code, are not retried", () => {
    expect(retryDelayMs({ method: "GET", idempotent: false, attempt: 1, errorCode: "ENOTFOUND" }, options, half)).toBeUndefined();
    expect(retryDelayMs({ method: "GET", idempotent: false, attempt: 1 }, options, half)).toBeUndefined();
  });

  test("a negative or unreadable retry-after-ms is ignored", () => {
    expect(serverDelayMs({ "retry-after-ms": "-5" })).toBeUndefined();
    expect(serverDelayMs({ "retry-after-ms": "-5", "retry-after": "1" })).toBe(1000);
    expect(serverDelayMs({ "retry-after-ms": "soon" })).toBeUndefined();
    expect(serverDelayMs({ "retry-after-ms": ["20", "30"] })).toBe(20);
  });

  test("a Retry-After date in the past means no wait", () => {
    expect(serverDelayMs({ "retry-after": new Date(Date.UTC(2030, 0, 1)).toUTCString() }, Date.UTC(2030, 0, 2))).toBe(0);
    expect(serverDelayMs({ "retry-after": "-3" })).toBe(0);
  });
});
