/** Values of `error.type` in the API's error envelope (docs/api-contract.md#errors). */
export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "conflict_error"
  | "rate_limit_error"
  | "api_error";

/**
 * An API failure with its HTTP status, `error.type`, message and optional `param`.
 * Handlers and the store throw it; the request pipeline turns it into the error envelope.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ApiErrorType,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** 400 `invalid_request_error`, naming the offending field in `param` when there is one. */
export function invalidRequest(message: string, param?: string): ApiError {
  return new ApiError(400, "invalid_request_error", message, param);
}

/** 400 for a required field that is absent. */
export function missingField(param: string): ApiError {
  return invalidRequest(`Field '${param}' is required.`, param);
}

/** 404 for an unknown or deleted session; the message names the id as the API's does (docs/api-contract.md#errors). */
export function sessionNotFound(sessionId: string): ApiError {
  return new ApiError(404, "not_found_error", `Session '${sessionId}' was not found.`);
}

/** 404 for an unknown session resource; the message names the id as the API's does (docs/api-contract.md#errors). */
export function resourceNotFound(resourceId: string): ApiError {
  return new ApiError(404, "not_found_error", `Session resource '${resourceId}' was not found.`);
}
