import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { QoderClient, type QoderClientOptions } from "../../provider/api/client";

/** One request as the loopback server received it. */
export interface Received {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * What the server does with one request: answer (a body that is not a string is sent as JSON),
 * never answer, answer the headers and then stall the body, or reset the connection.
 */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { hang: true }
  | { stallBody: true; status?: number }
  | { reset: true };

/**
 * A raw HTTP server on 127.0.0.1 that answers scripted replies in order (the last one repeats) and
 * records every request it received. Not the project's emulator: it knows nothing of the API.
 */
export class LoopbackApi {
  readonly received: Received[] = [];
  private readonly server: Server;
  private readonly replies: (Reply | ((request: Received) => Reply))[] = [];
  private readonly open = new Set<ServerResponse>();
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const request: Received = {
          method: req.method ?? "",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        this.received.push(request);
        const next = this.replies.length > 1 ? this.replies.shift() : this.replies[0];
        if (next === undefined) {
          res.writeHead(599).end("LoopbackApi: no reply scripted");
          return;
        }
        this.answer(typeof next === "function" ? next(request) : next, res);
      });
    });
  }

  /** Starts a server; `url` is its base URL, with the API's `/api/v1/cloud` path. */
  static async start(...replies: (Reply | ((request: Received) => Reply))[]): Promise<LoopbackApi> {
    const api = new LoopbackApi();
    api.replies.push(...replies);
    await new Promise<void>((resolve) => api.server.listen(0, "127.0.0.1", resolve));
    api.port = (api.server.address() as AddressInfo).port;
    return api;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `${this.origin}/api/v1/cloud`;
  }

  /** Replaces the script: the replies are answered in order, the last one repeating. */
  script(...replies: (Reply | ((request: Received) => Reply))[]): void {
    this.replies.splice(0, this.replies.length, ...replies);
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(reply: Reply, res: ServerResponse): void {
    if ("reset" in reply) {
      res.socket?.resetAndDestroy();
      return;
    }
    if ("hang" in reply) {
      this.open.add(res);
      return;
    }
    if ("stallBody" in reply) {
      this.open.add(res);
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", "content-length": "1000" });
      res.flushHeaders();
      return;
    }
    const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(body);
  }
}

/** The API's error envelope (docs/api-contract.md#errors). */
export function apiError(type: string, message: string, requestId?: string): unknown {
  return { type: "error", ...(requestId ? { request_id: requestId } : {}), error: { type, message, param: null } };
}

/** A Session as the API spells it, with only the members the client requires. */
export function sessionBody(id: string, extra: Record<string, unknown> = {}): unknown {
  return {
    id,
    type: "session",
    environment_id: "env_1",
    status: "idle",
    resources: [],
    created_at: "2026-06-23T05:53:19.774840Z",
    ...extra,
  };
}

/** A repository resource as the API spells it. */
export function repositoryResource(n: number): unknown {
  return {
    id: `sesr_${String(n).padStart(24, "0")}`,
    type: "github_repository",
    url: `https://github.com/acme/repo${n}`,
    mount_path: `/data/workspace/repo${n}`,
    checkout: { type: "branch", name: "main" },
    created_at: "2026-06-23T05:53:19.774840Z",
  };
}

/** A Qoder token whose URL-encoded and base64 forms differ from it. */
export const QODER_TOKEN = "pt-loopback/qoder+token=4f1c9a";
/** A GitHub token sent in a create body, likewise. */
export const GITHUB_TOKEN = "ghp_loopback/github+token=8e2b7d";

/** Every form a token could leak in: raw, URL-encoded and base64 (plain and URL-safe). */
export function tokenForms(token: string): string[] {
  const base64 = Buffer.from(token).toString("base64");
  return [token, encodeURIComponent(token), base64, Buffer.from(token).toString("base64url")];
}

const opened: { close(): Promise<void> }[] = [];

/** Starts a loopback server, closed by {@link closeAll}. */
export async function loopback(...replies: (Reply | ((request: Received) => Reply))[]): Promise<LoopbackApi> {
  return track(await LoopbackApi.start(...replies));
}

/** A client of `api` with fast retries, closed by {@link closeAll}. */
export function clientOf(api: LoopbackApi, options: Partial<QoderClientOptions> = {}): QoderClient {
  return track(
    new QoderClient({
      apiUrl: api.url,
      token: QODER_TOKEN,
      ...options,
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50, ...options.retry },
    }),
  );
}

function track<T extends { close(): Promise<void> }>(closable: T): T {
  opened.push(closable);
  return closable;
}

/** Closes every server (first, which ends stalled answers) and client opened since the last call. */
export async function closeAll(): Promise<void> {
  const servers = opened.filter((x) => x instanceof LoopbackApi);
  const clients = opened.filter((x) => !(x instanceof LoopbackApi));
  opened.length = 0;
  for (const server of servers) await server.close();
  for (const client of clients) await client.close();
}
