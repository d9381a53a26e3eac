import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";

/** The token the emulator accepts by default. */
const TOKEN = "test-token";
export const AGENT_ID = "agent_019e390add9f7bac9b6cc806db46fcbd";
export const ENVIRONMENT_ID = "env_019e2590d33f711fabf42f2857cecd8a";

/** RFC 3339 UTC with microseconds, as the API prints timestamps (`2026-06-23T05:53:19.774840Z`). */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A decoded reply. `body` is loosely typed on purpose: tests check the wire shape themselves. */
interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they got without declaring its shape.
  body: any;
  text: string;
  headers: Headers;
}

/** Minimal JSON client over global fetch. */
export interface ApiClient {
  request(method: string, path: string, options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  delete(path: string, headers?: Record<string, string>): Promise<Reply>;
}

/** A client for `emulator` that sends `Authorization: Bearer <token>` unless `token` is null. */
export function clientFor(emulator: RunningEmulator, token: string | null = TOKEN): ApiClient {
  const request: ApiClient["request"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text), text, headers: response.headers };
  };
  return {
    request,
    get: (path, headers) => request("GET", path, { headers }),
    post: (path, body, headers) => request("POST", path, { body, headers }),
    delete: (path, headers) => request("DELETE", path, { headers }),
  };
}

/** A valid `POST /sessions` body with one GitHub repository; `overrides` replace top-level members. */
export function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agent: AGENT_ID,
    environment_id: ENVIRONMENT_ID,
    title: "Fix bug in backend",
    resources: [
      { type: "github_repository", url: "https://github.com/acme/backend", mount_path: "/app/backend", authorization_token: "ghp_first" },
    ],
    ...overrides,
  };
}

/**
 * Starts a fresh emulator on a free port before each test and closes it after.
 * Read `ctx.emulator` / `ctx.api` inside tests.
 */
export function useEmulator(options: EmulatorOptions = {}): { emulator: RunningEmulator; api: ApiClient } {
  const ctx = {} as { emulator: RunningEmulator; api: ApiClient };
  beforeEach(async () => {
    ctx.emulator = await startEmulator(options);
    ctx.api = clientFor(ctx.emulator);
  });
  afterEach(async () => {
    await ctx.emulator.close();
  });
  return ctx;
}

/** One delay the emulator asked its `sleep` option for, held until the test releases it. */
export interface HeldDelay {
  ms: number;
  release(): void;
}

/**
 * A `sleep` option for {@link startEmulator} that ends no delay on its own: every delay asked for
 * is recorded in `asked` and held until the test calls its `release`. `next()` resolves with the
 * next delay asked for (or one already asked for and not yet taken).
 */
export function heldDelays(): { sleep: (ms: number) => Promise<void>; asked: number[]; next(): Promise<HeldDelay> } {
  const asked: number[] = [];
  const ready: HeldDelay[] = [];
  const waiting: ((delay: HeldDelay) => void)[] = [];
  return {
    asked,
    sleep: (ms) =>
      new Promise<void>((release) => {
        asked.push(ms);
        const delay = { ms, release: () => release() };
        const taker = waiting.shift();
        if (taker) taker(delay);
        else ready.push(delay);
      }),
    next: () => {
      const delay = ready.shift();
      return delay ? Promise.resolve(delay) : new Promise<HeldDelay>((resolve) => waiting.push(resolve));
    },
  };
}

/**
 * Follows `next_page` from the first page of `path` (a list endpoint, with or without a query) to
 * the last, checking each envelope, and returns the ids seen and the size of each page.
 */
export async function walkPages(api: ApiClient, path: string): Promise<{ ids: string[]; pageSizes: number[] }> {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let page: string | null = null;
  do {
    const cursor: string = page === null ? "" : `${path.includes("?") ? "&" : "?"}page=${encodeURIComponent(page)}`;
    const reply = await api.get(`${path}${cursor}`);
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(body.has_more).toBe(body.next_page !== null);
    expect(body.first_id).toBe(body.data[0]?.id ?? null);
    expect(body.last_id).toBe(body.data.at(-1)?.id ?? null);
    ids.push(...body.data.map((item: { id: string }) => item.id));
    pageSizes.push(body.data.length);
    page = body.next_page;
  } while (page !== null);
  return { ids, pageSizes };
}

/** Asserts a 404 `not_found_error` with exactly `message` (which names the id in single quotes). */
export function expectNotFound(reply: Reply, message: string): void {
  expect({ status: reply.status, error: reply.body?.error }).toEqual({ status: 404, error: { type: "not_found_error", message } });
}

/** Asserts a 400 `invalid_request_error` naming `param`. */
export function expectInvalid(reply: Reply, param: string): void {
  expect(reply.status).toBe(400);
  expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param });
}
