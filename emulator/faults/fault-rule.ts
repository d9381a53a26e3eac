import type { ApiErrorType } from "../api-error";

/** Every fault the emulator can inject. */
export const FAULT_KINDS = [
  "429",
  "429-retry-after",
  "429-retry-after-ms",
  "500",
  "502",
  "503",
  "latency",
  "reset-before",
  "drop-after-commit",
  "stall-after-commit",
] as const;

/**
 * - `429`, `500`, `502`, `503`: answer with that status and the error envelope, without handling.
 * - `429-retry-after` / `429-retry-after-ms`: a 429 with `Retry-After: 1` / `retry-after-ms: 50`.
 * - `latency`: delay the request by {@link FaultRule.delayMs} more, then handle it normally.
 * - `reset-before`: destroy the connection without handling the request.
 * - `drop-after-commit`: handle the request fully, then destroy the connection without answering.
 * - `stall-after-commit`: handle the request fully, then never answer (the connection stays open
 *   until the client gives up or the emulator closes): what a client sees when it is killed, or
 *   its network hangs, right after the API committed the request.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * When and how to inject a fault. A rule sees every request its route matches, in arrival order.
 * Whether it injects: by `sequence` if given, else with `probability` (default 1) drawn from the
 * emulator's seeded PRNG; `times` limits injection to the first N matching requests.
 */
export interface FaultRule {
  /**
   * `"<METHOD> <path pattern>"`, `"<path pattern>"` or `"<METHOD>"`; method `*` means any.
   * Path patterns are below the base path; `*` matches one segment and a final `**` any number,
   * e.g. `"POST /sessions"`, `"GET /sessions/*"`, `"/sessions/**"`. Default: every request.
   */
  route?: string;
  kind: FaultKind;
  /** Chance in [0, 1] that a matching request gets the fault. Ignored when `sequence` is given. */
  probability?: number;
  /** Scripted decisions: entry n is for the n-th matching request; past the end, no fault. */
  sequence?: boolean[];
  /** Only the first N matching requests can get the fault. */
  times?: number;
  /** Extra delay of a `latency` fault, in milliseconds. Default 1000. */
  delayMs?: number;
}

/** How an error-status fault answers. */
export interface ErrorFault {
  status: number;
  type: ApiErrorType;
  message: string;
  headers: Record<string, string>;
}

const rateLimited = (headers: Record<string, string>): ErrorFault => ({
  status: 429,
  type: "rate_limit_error",
  message: "Rate limit exceeded. Please retry later.",
  headers,
});

/** The response of each fault kind that answers with an error status. */
export const ERROR_FAULTS: Readonly<Partial<Record<FaultKind, ErrorFault>>> = {
  "429": rateLimited({}),
  "429-retry-after": rateLimited({ "retry-after": "1" }),
  "429-retry-after-ms": rateLimited({ "retry-after-ms": "50" }),
  "500": { status: 500, type: "api_error", message: "Internal server error.", headers: {} },
  "502": { status: 502, type: "api_error", message: "Bad gateway.", headers: {} },
  "503": { status: 503, type: "api_error", message: "Service temporarily unavailable.", headers: {} },
};

/** Default extra delay of a `latency` fault. */
export const DEFAULT_FAULT_DELAY_MS = 1000;
