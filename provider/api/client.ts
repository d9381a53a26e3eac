import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher, Pool, RetryHandler } from "undici";
import type { z } from "zod";
import { authHint, QoderApiError, QoderNetworkError, QoderProtocolError, type TokenSource } from "../errors";
import { redact } from "./redact";
import { DEFAULT_RETRY, type RetryOptions } from "./retry-policy";
import { RetryRun } from "./retry-run";
import {
  type CreateSessionWire,
  deletedWire,
  errorEnvelopeWire,
  type RepositoryCredentialWire,
  type ResourceWire,
  resourcePageWire,
  resourceWire,
  type SessionWire,
  sessionPageWire,
  sessionWire,
  type UpdateSessionWire,
} from "./wire";

/** Options of {@link QoderClient}. */
export interface QoderClientOptions {
  /** Base URL including the `/api/v1/cloud` path. */
  apiUrl: string;
  /** Personal or service access token, sent as a Bearer token. */
  token: string;
  /** Where the token came from; named in the hint of a 401. */
  tokenSource?: TokenSource;
  /** Time allowed for each attempt's response headers and body, in milliseconds. */
  requestTimeoutMs?: number;
  /** Keep-alive connections kept open to the API. */
  connections?: number;
  retry?: Partial<RetryOptions>;
}

/** One request to the API, as {@link QoderClient.call} sends it. */
export interface Call {
  method: "GET" | "POST" | "DELETE";
  path: string;
  /**
   * The id whose absence a 404 may report: the call then answers undefined, but only when the API
   * itself says, with its `not_found_error` naming this id, that it does not exist.
   */
  absentId?: string;
  /** Idempotency-Key to send; writes without one get a fresh random key. */
  idempotencyKey?: string;
  body?: unknown;
  /** Headers beyond the ones every call sends. */
  headers?: Record<string, string>;
  /** Secrets in the body, scrubbed from any error text. */
  secrets?: string[];
}

/** Items asked for per page of a list endpoint (the API allows 1–100). */
const PAGE_SIZE = 100;

/** The query of one page of a list endpoint: the largest page, from `page` (a `next_page`) on. */
export function pageQuery(page: string | undefined): URLSearchParams {
  return new URLSearchParams({ limit: String(PAGE_SIZE), ...(page ? { page } : {}) });
}

/** The opt-in header session search requires while it is in beta. */
const SEARCH_BETA = { "x-qoder-beta": "search-2026-08-31" };

/**
 * undici, loaded when the first client is built: a program that only declares Sessions, and a
 * provider process that only checks and diffs them (every preview), never pays for loading it.
 */
function loadUndici(): typeof import("undici") {
  return require("undici") as typeof import("undici");
}

/**
 * A typed client of the Qoder Cloud Agents API, for Sessions and their repository resources.
 * One instance keeps one keep-alive connection pool; share it. Writes carry a fresh
 * `Idempotency-Key` so that a retried write never acts twice.
 */
export class QoderClient {
  private readonly pool: Pool;
  private readonly dispatcher: Dispatcher;
  private readonly basePath: string;
  /** The API's base URL as configured, named in errors that suggest it is wrong. */
  private readonly baseUrl: string;
  private readonly token: string;
  private readonly tokenSource?: TokenSource;
  private readonly retry: RetryOptions;

  constructor(options: QoderClientOptions) {
    const url = new URL(options.apiUrl);
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.baseUrl = url.origin + this.basePath;
    this.token = options.token;
    this.tokenSource = options.tokenSource;
    const timeout = options.requestTimeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    const { Pool, interceptors } = loadUndici();
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 16,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    // Each call passes its own `retry` callback (a RetryRun, see `call`), which decides every retry
    // with the retry policy and remembers which limit ended the call.
    // The last failed response is passed through, so its error body (and request_id) reaches the caller.
    this.dispatcher = this.pool.compose(interceptors.retry({ throwOnError: false }));
  }

  /**
   * `POST /sessions`: creates a Session with its repositories mounted. With the same
   * `idempotencyKey` and body within 24 hours, the API answers with the Session it made first.
   */
  async createSession(body: CreateSessionWire, idempotencyKey?: string): Promise<SessionWire> {
    const secrets = body.resources.flatMap((resource) => credentialsOf(resource));
    return this.call({ method: "POST", path: "/sessions", body, secrets, idempotencyKey }, sessionWire);
  }

  /** `GET /sessions/{id}`; undefined when the Session does not exist. */
  async getSession(sessionId: string): Promise<SessionWire | undefined> {
    return this.call({ method: "GET", path: `/sessions/${encodeURIComponent(sessionId)}`, absentId: sessionId }, sessionWire);
  }

  /**
   * `POST /sessions/search` (beta): every live Session whose metadata holds all of `metadata`,
   * following `next_page` (docs/api-contract.md#sessions).
   */
  async searchSessions(metadata: Record<string, string>): Promise<SessionWire[]> {
    const pages = await this.allPages(
      (page) => ({
        method: "POST",
        path: "/sessions/search",
        body: { metadata, limit: PAGE_SIZE, ...(page ? { page } : {}) },
        headers: SEARCH_BETA,
      }),
      sessionPageWire,
    );
    return pages ?? [];
  }

  /** `GET /sessions`: every Session the list shows, from every page. */
  async listSessions(): Promise<SessionWire[]> {
    return (await this.allPages((page) => ({ method: "GET", path: `/sessions?${pageQuery(page)}` }), sessionPageWire)) ?? [];
  }

  /** Every resource of a Session, following `next_page`; undefined when the Session does not exist. */
  async listResources(sessionId: string): Promise<ResourceWire[] | undefined> {
    return this.allPages(
      (page) => ({ method: "GET", path: `/sessions/${encodeURIComponent(sessionId)}/resources?${pageQuery(page)}`, absentId: sessionId }),
      resourcePageWire,
    );
  }

  /**
   * Every item of a list endpoint, following `next_page` until `has_more` is false or no page is
   * named; undefined when the first page answers that `absentId` does not exist.
   */
  async allPages<T>(
    callFor: (page: string | undefined) => Call,
    schema: z.ZodType<{ data: T[]; next_page?: string | null; has_more?: boolean }>,
  ): Promise<T[] | undefined> {
    const items: T[] = [];
    let page: string | undefined;
    do {
      const result = await this.call(callFor(page), schema);
      if (!result) return undefined;
      items.push(...result.data);
      page = result.has_more === false ? undefined : (result.next_page ?? undefined);
    } while (page);
    return items;
  }

  /** `POST /sessions/{id}`: patches the title and merges metadata (null removes a key). */
  async updateSession(sessionId: string, patch: UpdateSessionWire): Promise<SessionWire> {
    return this.call({ method: "POST", path: `/sessions/${encodeURIComponent(sessionId)}`, body: patch }, sessionWire);
  }

  /**
   * `POST /sessions/{id}/resources/{rid}`: rotates a repository's credential in place, with
   * `{ authorization_token }` for GitHub or `{ password }` for a generic Git repository.
   */
  async rotateRepositoryCredential(sessionId: string, resourceId: string, credential: RepositoryCredentialWire): Promise<ResourceWire> {
    const path = `/sessions/${encodeURIComponent(sessionId)}/resources/${encodeURIComponent(resourceId)}`;
    return this.call({ method: "POST", path, body: credential, secrets: credentialsOf(credential) }, resourceWire);
  }

  /** `POST /sessions/{id}/archive`; false when the Session no longer exists. */
  async archiveSession(sessionId: string): Promise<boolean> {
    const path = `/sessions/${encodeURIComponent(sessionId)}/archive`;
    return (await this.call({ method: "POST", path, absentId: sessionId }, sessionWire)) !== undefined;
  }

  /** `DELETE /sessions/{id}`; false when the Session no longer exists. */
  async deleteSession(sessionId: string): Promise<boolean> {
    const path = `/sessions/${encodeURIComponent(sessionId)}`;
    return (await this.call({ method: "DELETE", path, absentId: sessionId }, deletedWire)) !== undefined;
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  /**
   * Sends one request (retried as the retry policy allows) and parses the answer with `schema`.
   * The typed methods above and {@link ObjectApi} are built on it.
   */
  async call<T extends z.ZodType>(call: Call & { absentId: string }, schema: T): Promise<z.infer<T> | undefined>;
  async call<T extends z.ZodType>(call: Call, schema: T): Promise<z.infer<T>>;
  async call<T extends z.ZodType>(call: Call, schema: T): Promise<z.infer<T> | undefined> {
    const secrets = [this.token, ...(call.secrets ?? [])];
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: "application/json",
      "user-agent": "pulumi-qoder",
      ...call.headers,
    };
    if (call.method !== "GET") headers["idempotency-key"] = call.idempotencyKey ?? randomUUID();
    let body: string | undefined;
    if (call.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(call.body);
    }
    const path = this.basePath + call.path;
    const shownPath = call.path.split("?")[0];
    const run = new RetryRun(this.retry, call.method, headers["idempotency-key"] !== undefined);
    // undici's retry interceptor reads per-request `retryOptions`; its types do not list them on request().
    const request: Dispatcher.RequestOptions & { retryOptions: RetryHandler.RetryOptions } = {
      method: call.method,
      path,
      headers,
      body,
      retryOptions: { retry: run.retry },
    };
    let response: Dispatcher.ResponseData | undefined;
    let text: string;
    for (;;) {
      try {
        response = undefined;
        response = await this.dispatcher.request(request);
        text = await response.body.text();
        break;
      } catch (error) {
        const failure = error as Error & { code?: string };
        // The retry interceptor retries until the answer starts. A body cut or stalled after that
        // cannot be resumed (the API does not serve byte ranges), so the request is sent again whole.
        const bodyFailed = response !== undefined || failure.code === "UND_ERR_REQ_RETRY";
        const verdict = bodyFailed ? run.failed({ errorCode: "UND_ERR_BODY_TIMEOUT" }) : undefined;
        if (!verdict?.retry) {
          const detail = [redact(failure.message, secrets), run.exhaustion()].filter(Boolean).join(". ");
          throw new QoderNetworkError(call.method, shownPath, failure.code ?? failure.name, detail);
        }
        await sleep(verdict.delayMs);
      }
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const error = this.apiError(call, response, text, secrets, run.exhaustion());
      if (call.absentId && isAbsence(error, call.absentId)) return undefined;
      throw error;
    }
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new QoderProtocolError(
        `Qoder API ${call.method} ${shownPath} answered ${response.statusCode} with an unexpected body: ${parsed.error.issues[0]?.message}`,
        { status: response.statusCode },
      );
    }
    return parsed.data;
  }

  private apiError(call: Call, response: Dispatcher.ResponseData, text: string, secrets: string[], exhaustion?: string): QoderApiError {
    const envelope = errorEnvelopeWire.safeParse(safeJson(text));
    const header = response.headers["request-id"] ?? response.headers["x-request-id"];
    const requestId = (envelope.success ? envelope.data.request_id : undefined) ?? (Array.isArray(header) ? header[0] : header);
    const hint =
      response.statusCode === 404 && call.absentId
        ? `The API at ${this.baseUrl} did not say that ${call.absentId} does not exist, so nothing is treated as deleted: check the API URL (qoder:apiUrl or QODER_API_URL; the Qoder API lives under /api/v1/cloud), then run \`pulumi refresh --run-program\` (a plain \`pulumi refresh\` keeps the URL of the last \`pulumi up\`)`
        : authHint(response.statusCode, this.tokenSource);
    return new QoderApiError(
      {
        method: call.method,
        path: call.path.split("?")[0],
        status: response.statusCode,
        errorType: envelope.success ? envelope.data.error.type : "unknown_error",
        apiMessage: redact(envelope.success ? envelope.data.error.message : text.slice(0, 200) || "(empty body)", secrets),
        requestId,
        param: envelope.success ? (envelope.data.error.param ?? undefined) : undefined,
      },
      [exhaustion, hint].filter(Boolean).join(". ") || undefined,
    );
  }
}

/**
 * True when a refusal is the API's own word that `id` does not exist: a 404 `not_found_error`
 * whose message names the id in quotes, as in `Session 'sess_…' was not found.`
 * (docs/api-contract.md#errors). A 404 for a route the API does not have, or a proxy's error
 * page, is not: wording we do not recognise fails the operation rather than lose a Session.
 */
function isAbsence(error: QoderApiError, id: string): boolean {
  return error.status === 404 && error.errorType === "not_found_error" && error.apiMessage.includes(`'${id}'`);
}

/** The credentials a create entry or rotation body carries, to scrub from any error text. */
function credentialsOf(entry: object): string[] {
  const { authorization_token: token, password } = entry as { authorization_token?: unknown; password?: unknown };
  return [token, password].filter((value): value is string => typeof value === "string");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
