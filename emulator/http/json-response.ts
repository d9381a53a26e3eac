import type { ServerResponse } from "node:http";
import type { ApiErrorType } from "../api-error";

/** A response ready to send; the body is kept as text so replays are byte-identical. */
export interface JsonResponse {
  status: number;
  bodyText: string;
  headers?: Record<string, string>;
}

/** `error` member of the error envelope. */
export interface ErrorDetail {
  type: ApiErrorType;
  message: string;
  param?: string;
}

/** A JSON response with `body` serialized. */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): JsonResponse {
  return { status, bodyText: JSON.stringify(body), headers };
}

/** The error envelope: `{type: "error", request_id, error: {type, message, param?}}`. */
export function errorResponse(status: number, requestId: string, error: ErrorDetail, headers?: Record<string, string>): JsonResponse {
  const detail: ErrorDetail = { type: error.type, message: error.message };
  if (error.param !== undefined) detail.param = error.param;
  return jsonResponse(status, { type: "error", request_id: requestId, error: detail }, headers);
}

/** Writes the response with its `request-id` header. */
export function sendJson(res: ServerResponse, requestId: string, response: JsonResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(response.bodyText),
    "request-id": requestId,
  });
  res.end(response.bodyText);
}
