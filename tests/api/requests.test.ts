import { QoderClient } from "../../provider/api/client";
import { QoderApiError, QoderError, QoderNetworkError, QoderProtocolError } from "../../provider/errors";
import {
  apiError,
  clientOf,
  closeAll,
  GITHUB_TOKEN,
  LoopbackApi,
  loopback,
  QODER_TOKEN,
  type Received,
  type Reply,
  sessionBody,
} from "./loopback-api";

afterEach(closeAll);

const ok: Reply = { status: 200, body: sessionBody("sess_x") };

describe("what each request carries", () => {
  test("every request says who sends it and that it wants JSON", async () => {
    const api = await loopback(ok);
    await clientOf(api).getSession("sess_x");
    expect(api.received[0].headers).toMatchObject({
      authorization: `Bearer ${QODER_TOKEN}`,
      accept: "application/json",
      "user-agent": "pulumi-qoder",
    });
  });

  test("a token rotation posts the new token to the resource's own path, ids URL-encoded", async () => {
    const api = await loopback({ status: 200, body: { id: "sesr/1", type: "github_repository" } });
    const resource = await clientOf(api).rotateRepositoryCredential("sess x", "sesr/1", { authorization_token: GITHUB_TOKEN });
    expect(resource).toMatchObject({ id: "sesr/1", type: "github_repository" });
    expect(api.received.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ["POST", "/api/v1/cloud/sessions/sess%20x/resources/sesr%2F1", { authorization_token: GITHUB_TOKEN }],
    ]);
    expect(api.received[0].headers["idempotency-key"]).toBeDefined();
  });

  test("a password rotation posts { password } and nothing else", async () => {
    const api = await loopback({ status: 200, body: { id: "sesr_1", type: "git_repository" } });
    await clientOf(api).rotateRepositoryCredential("sess_1", "sesr_1", { password: " kept as sent" });
    expect(api.received.map((r) => [r.path, JSON.parse(r.body)])).toEqual([
      ["/api/v1/cloud/sessions/sess_1/resources/sesr_1", { password: " kept as sent" }],
    ]);
  });

  test("a base URL with several trailing slashes is used without them", async () => {
    const api = await loopback(ok);
    await clientOf(api, { apiUrl: `${api.url}///` }).getSession("sess_x");
    expect(api.received[0].path).toBe("/api/v1/cloud/sessions/sess_x");
  });
});

describe("searchSessions (beta)", () => {
  const page = (ids: string[], more: { next_page?: string | null; has_more?: boolean }) => ({
    data: ids.map((id) => sessionBody(id)),
    ...more,
  });

  test("sends the beta header and the metadata, follows next_page, and returns every Session in order", async () => {
    const api = await loopback((request: Received) => {
      const cursor = JSON.parse(request.body).page;
      if (cursor === undefined) return { status: 200, body: page(["sess_1", "sess_2"], { next_page: "p2", has_more: true }) };
      return { status: 200, body: page(["sess_3"], { next_page: null, has_more: false }) };
    });
    const sessions = await clientOf(api).searchSessions({ marker: "abc" });
    expect(sessions.map((session) => session.id)).toEqual(["sess_1", "sess_2", "sess_3"]);
    expect(api.received.map((r) => [r.method, r.path, r.headers["x-qoder-beta"], JSON.parse(r.body)])).toEqual([
      ["POST", "/api/v1/cloud/sessions/search", "search-2026-08-31", { metadata: { marker: "abc" }, limit: 100 }],
      ["POST", "/api/v1/cloud/sessions/search", "search-2026-08-31", { metadata: { marker: "abc" }, limit: 100, page: "p2" }],
    ]);
  });

  test("stops on has_more: false even with a cursor, and when no cursor comes back", async () => {
    const api = await loopback({ status: 200, body: page(["sess_1"], { next_page: "p2", has_more: false }) });
    expect((await clientOf(api).searchSessions({ k: "v" })).map((s) => s.id)).toEqual(["sess_1"]);
    expect(api.received).toHaveLength(1);

    const older = await loopback({ status: 200, body: page(["sess_1"], {}) });
    expect(await clientOf(older).searchSessions({ k: "v" })).toHaveLength(1);
    expect(older.received).toHaveLength(1);
  });
});

describe("what the client reads from an answer", () => {
  test("the agent, pinned version included, is read; lists the API leaves out read as empty", async () => {
    const api = await loopback({ status: 200, body: sessionBody("sess_x", { agent: { type: "agent", id: "agent_1", version: 3 } }) });
    const session = await clientOf(api).getSession("sess_x");
    expect(session?.agent).toEqual({ id: "agent_1", version: 3 });
    expect(session?.vault_ids).toEqual([]);
    expect(session?.memory_store_ids).toEqual([]);
  });

  test("a 3xx answer is an API error, not a Session", async () => {
    const api = await loopback({ status: 300, body: sessionBody("sess_x") });
    const error = await clientOf(api)
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderApiError);
    expect((error as QoderApiError).status).toBe(300);
  });
});

describe("refusals that are not the API's envelope", () => {
  test("an HTML page is reported as unknown_error with its first 200 characters", async () => {
    const page = `<html>${"x".repeat(300)}</html>`;
    const api = await loopback({ status: 502, body: page });
    const error = (await clientOf(api, { retry: { maxRetries: 0 } })
      .getSession("sess_x")
      .catch((e: unknown) => e)) as QoderApiError;
    expect(error.errorType).toBe("unknown_error");
    expect(error.apiMessage).toBe(page.slice(0, 200));
    expect(error.message).toContain(`502 unknown_error: ${page.slice(0, 200)}`);
    expect(error.message).not.toContain(page.slice(0, 201));
  });

  test("an empty body is named as such", async () => {
    const api = await loopback({ status: 400, body: "" });
    const error = (await clientOf(api)
      .updateSession("sess_x", { title: "t" })
      .catch((e: unknown) => e)) as QoderApiError;
    expect(error.apiMessage).toBe("(empty body)");
    expect(error.message).toContain("400 unknown_error: (empty body)");
  });

  test("the field the API names as the cause is kept", async () => {
    const api = await loopback({
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "bad title", param: "title" } },
    });
    const error = (await clientOf(api)
      .updateSession("sess_x", { title: "t" })
      .catch((e: unknown) => e)) as QoderApiError;
    expect(error.param).toBe("title");
  });
});

describe("a Session is gone only on the API's 404 naming it", () => {
  test.each([401, 403])("a %i on a read says to fix the token, not the API URL", async (status) => {
    const api = await loopback({ status, body: apiError(status === 401 ? "authentication_error" : "permission_error", "No.") });
    const error = await clientOf(api, { tokenSource: "config qoder:token" })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderApiError);
    expect((error as Error).message).toContain("The Qoder token (taken from config qoder:token)");
    expect((error as Error).message).not.toContain("qoder:apiUrl");
  });

  test("a not_found_error naming the Session with another status is an error, not a deletion", async () => {
    const api = await loopback({ status: 400, body: apiError("not_found_error", "Session 'sess_x' was not found.") });
    const error = await clientOf(api)
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderApiError);
    expect((error as QoderApiError).status).toBe(400);
  });
});

describe("answers whose body fails after the headers", () => {
  test("a write whose body stalls is sent again (it carries its idempotency key), and the retry's answer is used", async () => {
    const api = await loopback({ stallBody: true }, { status: 200, body: sessionBody("sess_x", { title: "t" }) });
    const session = await clientOf(api, { requestTimeoutMs: 100 }).updateSession("sess_x", { title: "t" });
    expect(session.title).toBe("t");
    expect(api.received).toHaveLength(2);
    expect(new Set(api.received.map((r) => r.headers["idempotency-key"])).size).toBe(1);
  }, 10_000);

  test("a body that keeps stalling is tried maxRetries + 1 times, then reported", async () => {
    const api = await loopback({ stallBody: true });
    const error = await clientOf(api, { requestTimeoutMs: 100, retry: { maxRetries: 1 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderNetworkError);
    expect(api.received).toHaveLength(2);
  }, 10_000);
});

describe("the connection pool", () => {
  /** Holds every answer until `hold` requests are in flight, then answers them all; counts the sockets used. */
  async function countingSockets(hold: number) {
    const sockets = new Set<unknown>();
    const waiting: (() => void)[] = [];
    const api = await LoopbackApi.start({ status: 200 });
    const server = (api as unknown as { server: import("node:http").Server }).server;
    server.removeAllListeners("request");
    server.on("request", (req, res) => {
      sockets.add(req.socket);
      req.resume();
      const answer = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(sessionBody("sess_x")));
      waiting.push(answer);
      if (waiting.length >= hold) for (const release of waiting.splice(0)) release();
      else if (sockets.size >= hold) for (const release of waiting.splice(0)) release();
    });
    return { api, sockets };
  }

  test("keeps at most 16 connections open by default", async () => {
    const { api, sockets } = await countingSockets(16);
    const client = clientOf(api);
    await Promise.all(Array.from({ length: 24 }, () => client.getSession("sess_x")));
    expect(sockets.size).toBe(16);
    await api.close();
  });

  test("`connections` sets how many", async () => {
    const { api, sockets } = await countingSockets(2);
    const client = clientOf(api, { connections: 2 });
    await Promise.all(Array.from({ length: 6 }, () => client.getSession("sess_x")));
    expect(sockets.size).toBe(2);
    await api.close();
  });

  test("a closed client sends nothing more", async () => {
    const api = await loopback(ok);
    const client = new QoderClient({ apiUrl: api.url, token: QODER_TOKEN });
    await client.getSession("sess_x");
    await client.close();
    const error = await client.getSession("sess_x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderError);
    expect(api.received).toHaveLength(1);
  });
});

test("every error class is a QoderError", () => {
  expect(new QoderProtocolError("x")).toBeInstanceOf(QoderError);
});
