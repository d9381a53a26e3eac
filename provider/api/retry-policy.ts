/** How the client retries. Every number is configurable; the defaults follow docs/api-contract.md#retries-and-rate-limits. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step; each retry doubles it. */
  baseDelayMs: number;
  /** Upper bound of one computed backoff step. */
  maxDelayMs: number;
  /** Upper bound of a delay the server asks for with Retry-After or retry-after-ms. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

/** What one attempt's failure looked like. */
export interface FailedAttempt {
  method: string;
  /** Whether the request carried an Idempotency-Key, which makes replaying it safe. */
  idempotent: boolean;
  /** 1 for the first attempt. */
  attempt: number;
  statusCode?: number;
  errorCode?: string;
  headers?: Record<string, string | string[] | undefined>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const TRANSIENT_STATUS = new Set([408, 500, 502, 503, 504]);
const TRANSIENT_ERRORS = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

function header(headers: FailedAttempt["headers"], name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The delay the server asked for, in milliseconds, if any. */
export function serverDelayMs(headers: FailedAttempt["headers"], now = Date.now()): number | undefined {
  const ms = Number(header(headers, "retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = header(headers, "retry-after");
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Decides whether a failed attempt is retried and after how long (undefined: give up).
 * A request is replayed after a connection error or a 5xx only when replaying is safe (a read, or
 * a write carrying an Idempotency-Key): otherwise the first attempt may have taken effect. A 429
 * means the request was not processed, so it is retried whatever the method. 4xx never are.
 */
export function retryDelayMs(failure: FailedAttempt, options: RetryOptions, random = Math.random): number | undefined {
  if (failure.attempt > options.maxRetries) return undefined;
  const safe = failure.idempotent || SAFE_METHODS.has(failure.method.toUpperCase());
  const shouldRetry = header(failure.headers, "x-should-retry");
  if (shouldRetry === "false") return undefined;
  let retryable: boolean;
  if (failure.statusCode !== undefined) {
    retryable = failure.statusCode === 429 || (safe && (TRANSIENT_STATUS.has(failure.statusCode) || shouldRetry === "true"));
  } else {
    retryable = safe && failure.errorCode !== undefined && TRANSIENT_ERRORS.has(failure.errorCode);
  }
  if (!retryable) return undefined;
  const asked = serverDelayMs(failure.headers);
  if (asked !== undefined) return Math.min(asked, options.maxRetryAfterMs);
  const ceiling = Math.min(options.baseDelayMs * 2 ** (failure.attempt - 1), options.maxDelayMs);
  // "Equal jitter": at least half the step, so retries stay spread out but never collapse to zero.
  return ceiling / 2 + random() * (ceiling / 2);
}
