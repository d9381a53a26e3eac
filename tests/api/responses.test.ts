import type { QoderClient } from "../../provider/api/client";
import type { CreateSessionWire } from "../../provider/api/wire";
import { QoderApiError, QoderError, QoderNetworkError, QoderProtocolError } from "../../provider/errors";
import { apiError, clientOf, closeAll, GITHUB_TOKEN, LoopbackApi, loopback, QODER_TOKEN, type Reply, sessionBody } from "./loopback-api";

afterEach(closeAll);

const createBody: CreateSessionWire = {
  agent: "agent_1",
  environment_id: "env_1",
  resources: [{ type: "github_repository", url: "https://github.com/acme/app", authorization_token: GITHUB_TOKEN }],
};

describe("a 2xx whose body the client cannot read is a QoderProtocolError", () => {
  const calls: [string, number, (client: QoderClient) => Promise<unknown>][] = [
    ["getSession", 200, (client) => client.getSession("sess_x")],
    ["createSession", 201, (client) => client.createSession(createBody)],
    ["listResources", 200, (client) => client.listResources("sess_x")],
    ["archiveSession", 200, (client) => client.archiveSession("sess_x")],
    ["deleteSession", 200, (client) => client.deleteSession("sess_x")],
    ["updateSession", 200, (client) => client.updateSession("sess_x", { title: "t" })],
    [
      "rotateRepositoryCredential",
      200,
      (client) => client.rotateRepositoryCredential("sess_x", "sesr_1", { authorization_token: GITHUB_TOKEN }),
    ],
  ];
  const bodies: [string, string][] = [
    ["not JSON", "<html><body>Service OK</body></html>"],
    ["an empty body", ""],
    ["truncated JSON", '{"id":"sess_x","environment_id":'],
    ["JSON of the wrong shape", JSON.stringify({ id: 42, data: "nope", type: 7 })],
    ["a JSON array", "[]"],
    ["JSON null", "null"],
  ];

  test.each(calls.flatMap(([name, status, call]) => bodies.map(([what, body]) => [name, what, status, call, body] as const)))(
    "%s answered with %s",
    async (_name, _what, status, call, body) => {
      const api = await loopback({ status, body });
      const error = await call(clientOf(api)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QoderProtocolError);
      expect(error).toBeInstanceOf(QoderError);
      expect((error as QoderProtocolError).status).toBe(status);
      expect((error as Error).message).toMatch(new RegExp(`answered ${status} with an unexpected body`));
      // A body that came back is not retried: the request was processed.
      expect(api.received).toHaveLength(1);
    },
  );

  test("a Session that lacks a member the client needs is refused, not half read", async () => {
    const { created_at: _dropped, ...withoutCreatedAt } = sessionBody("sess_x") as Record<string, unknown>;
    const api = await loopback({ status: 200, body: withoutCreatedAt });
    await expect(clientOf(api).getSession("sess_x")).rejects.toThrow(QoderProtocolError);
  });

  test("a well-formed answer is read, with unknown members left out", async () => {
    const api = await loopback({ status: 200, body: sessionBody("sess_x", { surprise: { nested: true } }) });
    const session = await clientOf(api).getSession("sess_x");
    expect(session?.id).toBe("sess_x");
    expect(session).not.toHaveProperty("surprise");
  });
});

describe("request_id", () => {
  const refused = (body: unknown, headers: Record<string, string>): Reply => ({ status: 400, headers, body });

  test.each([
    [
      "from the body when it has one",
      refused(apiError("invalid_request_error", "bad", "req_body"), { "request-id": "req_h1", "x-request-id": "req_h2" }),
      "req_body",
    ],
    [
      "from the request-id header when the body has none",
      refused(apiError("invalid_request_error", "bad"), { "request-id": "req_h1", "x-request-id": "req_h2" }),
      "req_h1",
    ],
    [
      "from x-request-id when neither the body nor request-id has one",
      refused(apiError("invalid_request_error", "bad"), { "x-request-id": "req_h2" }),
      "req_h2",
    ],
    ["from the headers when the body is not the envelope", refused("<html>Bad Request</html>", { "request-id": "req_h1" }), "req_h1"],
    ["absent when nobody gave one", refused(apiError("invalid_request_error", "bad"), {}), undefined],
  ])("is taken %s", async (_what, reply, expected) => {
    const api = await loopback(reply);
    const error = await clientOf(api)
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderApiError);
    expect((error as QoderApiError).requestId).toBe(expected);
    if (expected) expect((error as Error).message).toContain(`(request_id ${expected})`);
    else expect((error as Error).message).not.toContain("request_id");
  });

  test("after the retries run out, the error carries the last answer's request_id", async () => {
    const api = await loopback(
      { status: 503, body: apiError("api_error", "busy", "req_first") },
      { status: 503, body: apiError("api_error", "busy", "req_second") },
      { status: 503, body: apiError("api_error", "busy", "req_last") },
    );
    const error = await clientOf(api, { retry: { maxRetries: 2 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(api.received).toHaveLength(3);
    expect(error).toBeInstanceOf(QoderApiError);
    expect((error as QoderApiError).requestId).toBe("req_last");
    expect((error as QoderApiError).status).toBe(503);
  });
});

describe("every error the client throws is a QoderError", () => {
  const scenarios: [
    string,
    () => Promise<{ api: LoopbackApi; options?: Parameters<typeof clientOf>[1] }>,
    new (...args: never[]) => QoderError,
  ][] = [
    ["an API refusal", async () => ({ api: await loopback({ status: 403, body: apiError("permission_error", "no") }) }), QoderApiError],
    ["a gateway page", async () => ({ api: await loopback({ status: 502, body: "<html>Bad Gateway</html>" }) }), QoderApiError],
    ["a malformed 2xx", async () => ({ api: await loopback({ status: 200, body: "{}" }) }), QoderProtocolError],
    [
      "a refused connection",
      async () => {
        const api = await LoopbackApi.start({ status: 200 });
        await api.close();
        return { api };
      },
      QoderNetworkError,
    ],
    ["a reset connection", async () => ({ api: await loopback({ reset: true }) }), QoderNetworkError],
    [
      "a response that never comes",
      async () => ({ api: await loopback({ hang: true }), options: { requestTimeoutMs: 100 } }),
      QoderNetworkError,
    ],
    [
      "a body that stalls after the headers",
      async () => ({ api: await loopback({ stallBody: true }), options: { requestTimeoutMs: 100 } }),
      QoderNetworkError,
    ],
  ];

  test.each(scenarios)(
    "%s",
    async (_what, setup, expected) => {
      const { api, options } = await setup();
      const error = await clientOf(api, { ...options, retry: { maxRetries: 0 } })
        .getSession("sess_x")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QoderError);
      expect(error).toBeInstanceOf(expected);
      expect(String(error)).not.toContain(QODER_TOKEN);
    },
    10_000,
  );
});
