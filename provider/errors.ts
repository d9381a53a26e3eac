/**
 * Every error this package throws is a {@link QoderError}. Messages never contain a token: text
 * that came from the API or the network is scrubbed of every secret the request carried.
 */
export class QoderError extends Error {
  override name = "QoderError";
  /** HTTP status of the API's answer, when there was one. */
  readonly status?: number;
  /** The API's `error.type` (for example `not_found_error`), when it answered with its error envelope. */
  readonly errorType?: string;
  /** The API's `request_id`, to quote when asking Qoder support about the call. */
  readonly requestId?: string;

  constructor(message: string, details: { status?: number; errorType?: string; requestId?: string } = {}) {
    super(message);
    this.status = details.status;
    this.errorType = details.errorType;
    this.requestId = details.requestId;
  }
}

/** Where the Qoder token came from, so a 401 can tell the user what to fix. */
export type TokenSource = "provider options" | "config qoder:token" | "QODER_ACCESS_TOKEN" | "QODER_PAT";

/** What is known of a refused API call; never holds a token. */
export interface ApiErrorDetails {
  method: string;
  path: string;
  status: number;
  errorType: string;
  apiMessage: string;
  requestId?: string;
  param?: string;
}

/** The API answered with an error status (see docs/api-contract.md#errors). */
export class QoderApiError extends QoderError {
  override name = "QoderApiError";
  override readonly status: number;
  override readonly errorType: string;
  readonly method: string;
  readonly path: string;
  readonly apiMessage: string;
  /** The request field the API named as the cause, if any. */
  readonly param?: string;

  constructor(details: ApiErrorDetails, hint?: string) {
    const id = details.requestId ? ` (request_id ${details.requestId})` : "";
    super(
      `Qoder API refused ${details.method} ${details.path}: ${details.status} ${details.errorType}: ${details.apiMessage}${id}${hint ? `. ${hint}` : ""}`,
      details,
    );
    this.status = details.status;
    this.errorType = details.errorType;
    this.method = details.method;
    this.path = details.path;
    this.apiMessage = details.apiMessage;
    this.param = details.param;
  }
}

/** The API could not be reached, or kept failing until the retry budget ran out. */
export class QoderNetworkError extends QoderError {
  override name = "QoderNetworkError";
  constructor(
    readonly method: string,
    readonly path: string,
    /** The error code of the failed attempt, e.g. `ECONNREFUSED` or `UND_ERR_HEADERS_TIMEOUT`. */
    readonly code: string,
    detail: string,
  ) {
    super(`Qoder API ${method} ${path} failed: ${code}: ${detail}`);
  }
}

/** The API answered 2xx with a body this client cannot read. */
export class QoderProtocolError extends QoderError {
  override name = "QoderProtocolError";
}

/** The provider's own configuration (token, API URL, retry settings) is missing or malformed. */
export class QoderConfigError extends QoderError {
  override name = "QoderConfigError";
}

/** What the API holds does not match what the inputs declare, so the provider refuses to go on. */
export class QoderMismatchError extends QoderError {
  override name = "QoderMismatchError";
}

/**
 * An object was created or taken over, but a later step failed. The dynamic-provider host keeps
 * the object in state with this error's `properties` and `reasons` (an initialization error)
 * instead of forgetting it, and the next `pulumi up` finishes the job: nothing is orphaned.
 */
export class QoderIncompleteError extends QoderError {
  override name = "QoderIncompleteError";
  /** What the engine shows and keeps in state as initialization errors. */
  readonly reasons: string[];
  /** The state to keep: what the API is known to hold. */
  readonly properties: Record<string, unknown>;

  constructor(
    readonly id: string,
    what: string,
    properties: object,
    cause: Error,
  ) {
    super(`${what} ${id} exists but is not fully set up: ${cause.message}. ${finishHint(cause)}`, cause as QoderError);
    this.reasons = [this.message];
    // The engine packs these into a protobuf struct, which refuses undefined members.
    this.properties = JSON.parse(JSON.stringify(properties));
  }

  /** Adds `values` to the state to keep (the API URL the object lives in, say). */
  record(values: Record<string, unknown>): void {
    Object.assign(this.properties, JSON.parse(JSON.stringify(values)));
  }
}

/**
 * The command that finishes a half-done job. Something the API answers is missing (404) stays
 * missing however often `pulumi up` sends the same request: a refresh first records what the API
 * holds, and `--run-program` makes it use the current settings (README "Recovering a stack").
 */
function finishHint(cause: Error): string {
  if ((cause as QoderError).status === 404) {
    return "Run `pulumi refresh --run-program` to record what the API holds now, then `pulumi up` to finish it.";
  }
  return "Run `pulumi up` again to finish it.";
}

/**
 * What to say when an object is found that an earlier, interrupted run created: if that run was
 * killed, the stack keeps its pending create until it is cleared (README "Recovering a stack").
 */
export const PENDING_CREATE_HINT =
  "if the run that created it was killed, the stack keeps its pending create: once this run is done, clear it with `pulumi refresh --clear-pending-creates`";

/**
 * The hint added to a 401 or 403: which credential was used and how to replace it. A token in stack
 * config is read from the settings a run is given: `pulumi up` and `pulumi refresh --run-program`
 * take the current config, a plain `pulumi refresh` or `pulumi destroy` the config the last
 * `pulumi up` recorded (README "Recovering a stack"). The environment is read by every run.
 */
export function authHint(status: number, source: TokenSource | undefined): string | undefined {
  const from = source ? ` (taken from ${source})` : "";
  if (status === 401) return `The Qoder token${from} is invalid or expired; ${replaceToken(source)}`;
  if (status === 403) return `The Qoder token${from} is not allowed to do this; check its scope in the Qoder console`;
  return undefined;
}

function replaceToken(source: TokenSource | undefined): string {
  if (source === "QODER_ACCESS_TOKEN" || source === "QODER_PAT") return `put a valid one in ${source}`;
  if (source === "provider options") return "pass a valid one in the provider's options";
  return (
    "set a valid one with `pulumi config set --secret qoder:token <token>`, then run `pulumi up` or `pulumi refresh --run-program`: " +
    "a plain `pulumi refresh` or `pulumi destroy` keeps using the token the last `pulumi up` recorded"
  );
}
