import type { IncomingHttpHeaders } from "node:http";

/** One request the emulator received, as tests inspect it. */
export interface RecordedRequest {
  method: string;
  /** Path below the base path (`/sessions/sess_…`); the full path for requests outside it. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names; `authorization` and `x-api-key` values are redacted. */
  headers: Record<string, string>;
  /** Parsed JSON body, or `undefined` when the body was empty or not JSON. Not redacted. */
  body: unknown;
  /**
   * Status of the response sent, or for `drop-after-commit` the status of the response that was
   * withheld; `null` while in flight, when the socket was reset before handling, or when the
   * client went away.
   */
  status: number | null;
  /** The `request_id` the response carried (or would have). */
  requestId: string;
  idempotencyKey?: string;
  /** True when the response was replayed from the idempotency store. */
  idempotentReplay?: boolean;
  /** Injected fault kinds, comma-separated, e.g. `"503"` or `"latency,drop-after-commit"`. */
  fault?: string;
}

/** Header values after redaction of credentials. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (name === "authorization") redacted[name] = /^bearer\s/i.test(text) ? "Bearer <redacted>" : "<redacted>";
    else if (name === "x-api-key") redacted[name] = "<redacted>";
    else redacted[name] = text;
  }
  return redacted;
}
