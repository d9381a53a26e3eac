/** Where the Qoder token came from, so a 401 can tell the user what to fix. */
export type TokenSource = "provider options" | "config qoder:token" | "QODER_ACCESS_TOKEN" | "QODER_PAT";

/** Details of a failed API call, never including a token. */
export interface ApiErrorDetails {
  method: string;
  path: string;
  status: number;
  errorType: string;
  apiMessage: string;
  requestId?: string;
  param?: string;
}

/** The API answered with an error status. Carries the status, the API error type and `request_id`. */
export class QoderApiError extends Error {
  override name = "QoderApiError";
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorType: string;
  readonly apiMessage: string;
  readonly requestId?: string;
  readonly param?: string;

  constructor(details: ApiErrorDetails, hint?: string) {
    const id = details.requestId ? ` (request_id ${details.requestId})` : "";
    super(
      `Qoder API refused ${details.method} ${details.path}: ${details.status} ${details.errorType}: ${details.apiMessage}${id}${hint ? `. ${hint}` : ""}`,
    );
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.errorType = details.errorType;
    this.apiMessage = details.apiMessage;
    this.requestId = details.requestId;
    this.param = details.param;
  }
}

/** The API could not be reached, or kept failing until the retry budget ran out. */
export class QoderNetworkError extends Error {
  override name = "QoderNetworkError";
  constructor(
    readonly method: string,
    readonly path: string,
    readonly code: string,
    detail: string,
  ) {
    super(`Qoder API ${method} ${path} failed: ${code}: ${detail}`);
  }
}

/** The API answered 2xx with a body that does not match the contract. */
export class QoderProtocolError extends Error {
  override name = "QoderProtocolError";
}

/** The hint added to a 401 or 403: which credential was used and how to replace it. */
export function authHint(status: number, source: TokenSource | undefined): string | undefined {
  const from = source ? ` (taken from ${source})` : "";
  if (status === 401) {
    return `The Qoder token${from} is invalid or expired; set a valid one with \`pulumi config set --secret qoder:token <token>\` or the QODER_ACCESS_TOKEN environment variable`;
  }
  if (status === 403) return `The Qoder token${from} is not allowed to do this; check its scope in the Qoder console`;
  return undefined;
}

/** True for an API answer saying the object does not exist (or belongs to another account). */
export function isNotFound(error: unknown): boolean {
  return error instanceof QoderApiError && error.status === 404;
}
