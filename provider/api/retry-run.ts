import type { RetryHandler } from "undici";
import { isRateLimit, type RetryOptions, type RetryVerdict, retryVerdict } from "./retry-policy";

/** What undici hands the retry callback as the failure: a status, or a connection error's code. */
type UndiciFailure = Error & { statusCode?: number; code?: string; headers?: Record<string, string | string[] | undefined> };

/**
 * The retries of one {@link QoderClient.call}: counts its attempts, times it from the first one,
 * asks the retry policy after each failure, and remembers which limit, if any, ended it, so the
 * final error can say so. Its {@link retry} is the callback of undici's retry interceptor for this
 * call's request.
 */
export class RetryRun {
  private readonly startedAt: number;
  /** Attempts answered or failed so far. */
  private attempts = 0;
  /** Failures counted against maxRetries. */
  private transient = 0;
  /** Rate-limited answers, covered by the rate-limit budget. */
  private rateLimited = 0;
  private ranOut?: { limit: "maxRetries" | "rateLimitBudget"; attempts: number; elapsedMs: number };

  constructor(
    private readonly options: RetryOptions,
    private readonly method: string,
    private readonly idempotent: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  /** undici's retry callback: `done()` sends the request again, `done(err)` passes the failure on. */
  readonly retry: RetryHandler.RetryCallback = (err, _context, done) => {
    const failure = err as UndiciFailure;
    // A body that stalls cannot be resumed with a byte range; `call` sends the request again.
    if (failure.code === "UND_ERR_BODY_TIMEOUT") return done(err);
    const verdict = this.failed({
      statusCode: failure.statusCode,
      errorCode: failure.statusCode === undefined ? failure.code : undefined,
      headers: failure.headers,
    });
    if (!verdict.retry) return done(err);
    setTimeout(() => done(null), verdict.delayMs).unref?.();
  };

  /** Counts a failed attempt and asks the policy whether, and after how long, to try again. */
  failed(failure: { statusCode?: number; errorCode?: string; headers?: UndiciFailure["headers"] }): RetryVerdict {
    this.attempts++;
    if (isRateLimit(failure)) this.rateLimited++;
    else this.transient++;
    const elapsedMs = this.now() - this.startedAt;
    const verdict = retryVerdict(
      { ...failure, method: this.method, idempotent: this.idempotent, attempt: this.transient, rateLimited: this.rateLimited, elapsedMs },
      this.options,
    );
    if (!verdict.retry && verdict.ranOut) this.ranOut = { limit: verdict.ranOut, attempts: this.attempts, elapsedMs };
    return verdict;
  }

  /**
   * When a limit ended the call: how many attempts were made over how long, which limit ran out,
   * and the setting that raises it. Undefined when the call failed for another reason.
   */
  exhaustion(): string | undefined {
    if (!this.ranOut) return undefined;
    const { limit, attempts, elapsedMs } = this.ranOut;
    const gaveUp = `Gave up after ${attempts} attempt${attempts === 1 ? "" : "s"} over ${seconds(elapsedMs)}`;
    if (limit === "rateLimitBudget") {
      return `${gaveUp}: the rate-limit budget (qoder:rateLimitBudget, ${seconds(this.options.rateLimitBudgetMs)}) ran out; raise it with \`pulumi config set qoder:rateLimitBudget <seconds>\` (or the provider option rateLimitBudgetMs)`;
    }
    return `${gaveUp}: qoder:maxRetries (${this.options.maxRetries}) ran out; raise it with \`pulumi config set qoder:maxRetries <count>\` (or the provider option maxRetries)`;
  }
}

/** A duration as people read it: "312 s", "7.5 s", "0.05 s". */
function seconds(ms: number): string {
  const digits = ms >= 10_000 ? 0 : ms >= 1_000 ? 1 : 3;
  return `${Number((ms / 1000).toFixed(digits))} s`;
}
