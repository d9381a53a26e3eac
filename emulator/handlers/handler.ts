import type { IncomingHttpHeaders } from "node:http";
import type { EmulatorState } from "../domain/emulator-state";
import type { PathParams } from "../http/path-pattern";

/** What a handler gets: path parameters, query, request headers, parsed JSON body and the state. */
export interface HandlerCall {
  params: PathParams;
  query: URLSearchParams;
  /** Lower-case names, as `node:http` gives them. */
  headers: IncomingHttpHeaders;
  body: unknown;
  state: EmulatorState;
}

/** A successful response: status and JSON body. Failures are thrown as `ApiError`. */
interface HandlerResult {
  status: number;
  body: unknown;
}

/**
 * Handles one API operation. Handlers are synchronous on purpose: the request pipeline runs the
 * idempotency lookup, the handler and the idempotency record without yielding, so concurrent
 * requests can never observe each other half-done.
 */
export type Handler = (call: HandlerCall) => HandlerResult;

/** A path parameter the route pattern guarantees. */
export function pathParam(call: HandlerCall, name: string): string {
  const value = call.params[name];
  if (value === undefined) throw new Error(`Route has no parameter '${name}'.`);
  return value;
}
