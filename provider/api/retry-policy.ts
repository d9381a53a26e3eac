/** How the client retries. Every number is configurable; the defaults follow docs/api-contract.md#retries-and-rate-limits. */
export interface RetryOptions {
  /** Retries after the first attempt for transient failures (connection errors, 408, 5xx); rate limits do not count. */
  maxRetries: number;
  /** First backoff step; each retry doubles it. */
  baseDelayMs: number;
  /** Upper bound of one computed backoff step. */
  maxDelayMs: number;
  /** Upper bound of a delay the server asks for with Retry-After or retry-after-ms. */
  maxRetryAfterMs: number;
  /**
   * Time, from a call's first attempt, within which a rate-limited answer (see {@link isRateLimit})
   * is retried, however many times. A rate limit that arrives later ends the call.
   */
  rateLimitBudgetMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  rateLimitBudgetMs: 300_000,
};

/** What one attempt's failure looked like. */
export interface FailedAttempt {
  method: string;
  /** Whether the request carried an Idempotency-Key, which makes replaying it safe. */
  idempotent: boolean;
  /**
   * Transient failures of this call so far, this one included (1 for a first attempt that failed).
   * Rate-limited answers are not counted: the rate-limit budget covers them.
   */
  attempt: number;
  /** Rate-limited answers of this call so far, this one included; 1 when left out. */
  rateLimited?: number;
  /** Time since the call's first attempt started; 0 when left out. */
  elapsedMs?: number;
  statusCode?: number;
  errorCode?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** What to do after a failed attempt. `ranOut` says which limit ended the call, when one did. */
export type RetryVerdict = { retry: true; delayMs: number } | { retry: false; ranOut?: "maxRetries" | "rateLimitBudget" };

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
 * True when the server asked the client to slow down: a 429, or a 503 that says when to come back
 * (Retry-After or retry-after-ms). These are retried within the rate-limit budget rather than
 * counted against maxRetries (docs/api-contract.md#retries-and-rate-limits).
 */
export function isRateLimit(failure: Pick<FailedAttempt, "statusCode" | "headers">): boolean {
  return failure.statusCode === 429 || (failure.statusCode === 503 && serverDelayMs(failure.headers) !== undefined);
}

/**
 * Decides whether a failed attempt is retried and after how long.
 * A request is replayed after a connection error or a 5xx only when replaying is safe (a read, or
 * a write carrying an Idempotency-Key): otherwise the first attempt may have taken effect. A 429
 * means the request was not processed, so it is retried whatever the method. 4xx never are.
 * Rate limits are retried while the call is within `rateLimitBudgetMs`; other failures up to
 * `maxRetries` times.
 */
export function retryVerdict(failure: FailedAttempt, options: RetryOptions, random = Math.random): RetryVerdict {
  const safe = failure.idempotent || SAFE_METHODS.has(failure.method.toUpperCase());
  const shouldRetry = header(failure.headers, "x-should-retry");
  if (shouldRetry === "false") return { retry: false };
  let retryable: boolean;
  if (failure.statusCode !== undefined) {
    retryable = failure.statusCode === 429 || (safe && (TRANSIENT_STATUS.has(failure.statusCode) || shouldRetry === "true"));
  } else {
    retryable = safe && failure.errorCode !== undefined && TRANSIENT_ERRORS.has(failure.errorCode);
  }
  if (!retryable) return { retry: false };
  const rateLimited = isRateLimit(failure);
  if (rateLimited && (failure.elapsedMs ?? 0) >= options.rateLimitBudgetMs) return { retry: false, ranOut: "rateLimitBudget" };
  if (!rateLimited && failure.attempt > options.maxRetries) return { retry: false, ranOut: "maxRetries" };
  const asked = serverDelayMs(failure.headers);
  if (asked !== undefined) return { retry: true, delayMs: Math.min(asked, options.maxRetryAfterMs) };
  const step = rateLimited ? (failure.rateLimited ?? 1) : failure.attempt;
  const ceiling = Math.min(options.baseDelayMs * 2 ** (step - 1), options.maxDelayMs);
  // "Equal jitter": at least half the step, so retries stay spread out but never collapse to zero.
  return { retry: true, delayMs: ceiling / 2 + random() * (ceiling / 2) };
}

/** The delay before retrying a failed attempt, or undefined to give up (see {@link retryVerdict}). */
export function retryDelayMs(failure: FailedAttempt, options: RetryOptions, random = Math.random): number | undefined {
  const verdict = retryVerdict(failure, options, random);
  return verdict.retry ? verdict.delayMs : undefined;
}
