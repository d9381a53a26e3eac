import type { Dispatcher } from "undici";
import { Pool } from "undici";
import type { CreateSessionWire } from "../../provider/api/wire";
import { QoderError, QoderNetworkError } from "../../provider/errors";
import { clientOf, closeAll, GITHUB_TOKEN, loopback, QODER_TOKEN, sessionBody, tokenForms } from "./loopback-api";

afterEach(async () => {
  jest.restoreAllMocks();
  await closeAll();
});

const createBody: CreateSessionWire = {
  agent: "agent_1",
  environment_id: "env_1",
  resources: [{ type: "github_repository", url: "https://github.com/acme/app", authorization_token: GITHUB_TOKEN }],
};

function expectNoToken(error: unknown): void {
  const text = `${String(error)} ${(error as Error).stack ?? ""} ${JSON.stringify(error)}`;
  for (const form of [...tokenForms(QODER_TOKEN), ...tokenForms(GITHUB_TOKEN)]) expect(text).not.toContain(form);
}

// Each test's own timeout is the guard: without the per-attempt timeout the client would wait
// for undici's default of 300 s.
describe("per-attempt timeout", () => {
  test("a server that never answers a create ends in a QoderNetworkError naming no token", async () => {
    const api = await loopback({ hang: true });
    const error = await clientOf(api, { requestTimeoutMs: 100, retry: { maxRetries: 0 } })
      .createSession(createBody)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderNetworkError);
    expect(error).toBeInstanceOf(QoderError);
    expect((error as QoderNetworkError).code).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect((error as Error).message).toMatch(/^Qoder API POST \/sessions failed: UND_ERR_HEADERS_TIMEOUT/);
    expect(api.received).toHaveLength(1);
    expect(api.received[0].body).toContain(GITHUB_TOKEN);
    expectNoToken(error);
  }, 10_000);

  test("a timed-out GET is retried, each attempt timing out on its own", async () => {
    const api = await loopback({ hang: true });
    const error = await clientOf(api, { requestTimeoutMs: 100, retry: { maxRetries: 2 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderNetworkError);
    expect(api.received).toHaveLength(3);
  }, 20_000);

  test("a timed-out attempt followed by an answer succeeds", async () => {
    const api = await loopback({ hang: true }, { status: 200, body: sessionBody("sess_x") });
    expect((await clientOf(api, { requestTimeoutMs: 100 }).getSession("sess_x"))?.id).toBe("sess_x");
    expect(api.received).toHaveLength(2);
  }, 10_000);

  test("a body that stalls after the headers ends in a QoderNetworkError", async () => {
    const api = await loopback({ stallBody: true });
    const error = await clientOf(api, { requestTimeoutMs: 100, retry: { maxRetries: 0 } })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderNetworkError);
    expect((error as QoderNetworkError).code).toBe("UND_ERR_BODY_TIMEOUT");
    expectNoToken(error);
  }, 10_000);

  test("a GET whose body stalls is retried, and the retry's answer is used", async () => {
    const api = await loopback({ stallBody: true }, { status: 200, body: sessionBody("sess_x") });
    const session = await clientOf(api, { requestTimeoutMs: 100 })
      .getSession("sess_x")
      .catch((e: unknown) => e);
    expect(api.received).toHaveLength(2);
    expect(session).toMatchObject({ id: "sess_x" });
  }, 10_000);
});

describe("network-error messages are scrubbed", () => {
  /**
   * Makes the transport's error text echo what was sent (headers and body, raw and URL-encoded),
   * as a proxy or an agent's error may: the client must still name no token.
   */
  function echoRequestInTransportErrors(): void {
    const dispatch = Pool.prototype.dispatch;
    jest.spyOn(Pool.prototype, "dispatch").mockImplementation(function (this: Pool, opts, handler) {
      const sent = `${JSON.stringify(opts.headers)} ${String(opts.body)}`;
      const echoing = new Proxy(handler, {
        get(target, key) {
          if (key === "onResponseError") {
            return (controller: Dispatcher.DispatchController, error: Error) => {
              error.message += ` while sending ${sent} (${encodeURIComponent(sent)})`;
              target.onResponseError?.(controller, error);
            };
          }
          const value = Reflect.get(target, key);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      return dispatch.call(this, opts, echoing);
    });
  }

  test("a timeout whose text echoes the request names neither the Qoder nor the GitHub token", async () => {
    echoRequestInTransportErrors();
    const api = await loopback({ hang: true });
    const error = await clientOf(api, { requestTimeoutMs: 100, retry: { maxRetries: 0 } })
      .createSession(createBody)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderNetworkError);
    // The echo happened: the request's other content is in the message.
    expect((error as Error).message).toContain("while sending");
    expect((error as Error).message).toContain("env_1");
    expect((error as Error).message).toContain("[secret]");
    for (const form of [QODER_TOKEN, encodeURIComponent(QODER_TOKEN), GITHUB_TOKEN, encodeURIComponent(GITHUB_TOKEN)]) {
      expect((error as Error).message).not.toContain(form);
    }
  }, 10_000);

  test("a refused connection whose text echoes a rotated token names no token", async () => {
    echoRequestInTransportErrors();
    const api = await loopback({ status: 200 });
    await api.close();
    const error = await clientOf(api, { retry: { maxRetries: 0 } })
      .rotateRepositoryCredential("sess_x", "sesr_1", { authorization_token: GITHUB_TOKEN })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderNetworkError);
    expect((error as QoderNetworkError).code).toBe("ECONNREFUSED");
    expect((error as Error).message).toContain("while sending");
    for (const form of [QODER_TOKEN, encodeURIComponent(QODER_TOKEN), GITHUB_TOKEN, encodeURIComponent(GITHUB_TOKEN)]) {
      expect((error as Error).message).not.toContain(form);
    }
  }, 10_000);
});
