import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { ApiError, invalidRequest } from "../api-error";
import type { EmulatorState } from "../domain/emulator-state";
import type { FaultInjector } from "../faults/fault-injector";
import { authenticate } from "./bearer-auth";
import { bodyFingerprint, type IdempotencyScope, type IdempotencyStore } from "./idempotency-store";
import { errorResponse, type JsonResponse, jsonResponse, sendJson } from "./json-response";
import { type RequestBody, readRequestBody } from "./request-body";
import { type RecordedRequest, redactHeaders } from "./request-log";
import { BASE_PATH, findRoute } from "./routes";

/** Everything the pipeline reads or changes; owned by the running emulator. */
export interface PipelineContext {
  state: EmulatorState;
  idempotency: IdempotencyStore;
  faults: FaultInjector;
  tokens: ReadonlySet<string>;
  latencyMs(): number;
  /** Waits out a request's delay (see `EmulatorOptions.sleep`). */
  sleep(ms: number, closing: AbortSignal): Promise<void>;
  requests: RecordedRequest[];
  /** Aborted when the emulator closes, to end pending delays. */
  closing: AbortSignal;
}

/** Methods on which an `Idempotency-Key` header is honoured (docs/api-contract.md#idempotency). */
const KEYED_METHODS = new Set(["POST", "PUT", "DELETE"]);

/** The `node:http` request listener of the emulator. */
export function createRequestListener(context: PipelineContext): RequestListener {
  return (req, res) => {
    handleRequest(context, req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed || req.socket.destroyed) return;
      console.error("Qoder emulator: unexpected error", error);
      const requestId = randomUUID();
      sendJson(res, requestId, errorResponse(500, requestId, { type: "api_error", message: "Internal emulator error." }));
    });
  };
}

/**
 * Order of work: record → read body → choose faults → wait (latency) → apply a fault that
 * pre-empts handling, or authenticate, route, validate and handle → answer (or drop).
 */
async function handleRequest(context: PipelineContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const method = (req.method ?? "GET").toUpperCase();
  const underBase = url.pathname === BASE_PATH || url.pathname.startsWith(`${BASE_PATH}/`);
  const path = underBase ? url.pathname.slice(BASE_PATH.length) || "/" : url.pathname;
  const record: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers: redactHeaders(req.headers),
    body: undefined,
    status: null,
    requestId: firstHeader(req, "x-request-id") ?? randomUUID(),
  };
  const idempotencyKey = firstHeader(req, "idempotency-key");
  if (idempotencyKey !== undefined) record.idempotencyKey = idempotencyKey;
  context.requests.push(record);

  const body = await readRequestBody(req);
  record.body = body.json.value;

  const faults = context.faults.decide(method, path);
  if (faults.kinds.length > 0) record.fault = faults.kinds.join(",");
  const delayMs = context.latencyMs() + faults.extraDelayMs;
  if (delayMs > 0 && !(await waitUnlessClosing(delayMs, context))) return;

  if (faults.resetBefore) {
    req.socket.destroy();
    return;
  }
  const response = faults.error
    ? errorResponse(faults.error.status, record.requestId, faults.error, faults.error.headers)
    : respond(context, { req, method, pathname: url.pathname, path: underBase ? path : undefined, query: url.searchParams, body, record });
  record.status = response.status;
  if (faults.dropAfterCommit) {
    req.socket.destroy();
    return;
  }
  if (faults.stallAfterCommit) return;
  sendJson(res, record.requestId, response);
}

interface ApiRequest {
  req: IncomingMessage;
  method: string;
  /** The full URL path, for messages. */
  pathname: string;
  /** Path below the base path; `undefined` when the request is outside it. */
  path: string | undefined;
  query: URLSearchParams;
  body: RequestBody;
  record: RecordedRequest;
}

/**
 * Authenticates, routes and handles a request, with idempotency. Synchronous from lookup to
 * record, so no other request can run in between.
 */
function respond(context: PipelineContext, request: ApiRequest): JsonResponse {
  const { method, path, body, record } = request;
  const fail = (error: ApiError) => errorResponse(error.status, record.requestId, error);
  try {
    const token = authenticate(request.req.headers, context.tokens);
    const route = path === undefined ? undefined : findRoute(method, path);
    if (!route || path === undefined) {
      throw new ApiError(404, "not_found_error", `No endpoint matches ${method} ${request.pathname}.`);
    }
    if (body.tooLarge) throw invalidRequest("The request body exceeds the 32 MB limit.");
    if (!body.json.ok) throw invalidRequest("The request body is not valid JSON.");

    // A read sent as POST (search) ignores the key: nothing to protect from repeating.
    const key = KEYED_METHODS.has(method) && !route.read ? record.idempotencyKey : undefined;
    const scope: IdempotencyScope | undefined = key !== undefined ? { token, method, path, key } : undefined;
    const fingerprint = bodyFingerprint(body.text, body.json);
    if (scope) {
      const previous = context.idempotency.lookup(scope, fingerprint);
      if (previous.kind === "conflict") {
        throw new ApiError(409, "conflict_error", "Idempotency key reused with a different request body.");
      }
      if (previous.kind === "replay") {
        record.idempotentReplay = true;
        return { ...previous.response };
      }
    }
    let response: JsonResponse;
    try {
      const result = route.handler({
        params: route.params,
        query: request.query,
        headers: request.req.headers,
        body: body.json.value,
        state: context.state,
      });
      response = jsonResponse(result.status, result.body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response = fail(error);
    }
    if (scope) context.idempotency.remember(scope, fingerprint, { status: response.status, bodyText: response.bodyText });
    return response;
  } catch (error) {
    if (error instanceof ApiError) return fail(error);
    throw error;
  }
}

/** Waits `ms`; false as soon as the emulator closes, even if the wait itself has not ended. */
async function waitUnlessClosing(ms: number, { sleep, closing }: PipelineContext): Promise<boolean> {
  if (closing.aborted) return false;
  let onClose = () => {};
  const closed = new Promise<false>((resolve) => {
    onClose = () => resolve(false);
    closing.addEventListener("abort", onClose, { once: true });
  });
  const waited = sleep(ms, closing).then(
    () => !closing.aborted,
    (error: unknown) => {
      if (closing.aborted) return false;
      throw error;
    },
  );
  try {
    return await Promise.race([waited, closed]);
  } finally {
    closing.removeEventListener("abort", onClose);
  }
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}
