import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { QoderClientOptions } from "../../provider/api/client";
import { checkCredentials, checkCredentialsOnce } from "../../provider/api/credential-check";
import { strictObject } from "../../provider/dynamic/properties";
import { ProviderBase } from "../../provider/dynamic/provider-base";
import { QoderConfigError, QoderError } from "../../provider/errors";
import { apiError, clientOf, closeAll, type LoopbackApi, loopback, QODER_TOKEN, tokenForms } from "./loopback-api";

afterEach(closeAll);

const page = { status: 200, body: { data: [], next_page: null, has_more: false } };
const settingsOf = (api: LoopbackApi, extra: Partial<QoderClientOptions> = {}): QoderClientOptions => ({
  apiUrl: api.url,
  token: QODER_TOKEN,
  tokenSource: "config qoder:token",
  ...extra,
});

async function failureOf(api: LoopbackApi, extra: Partial<QoderClientOptions> = {}): Promise<string> {
  const settings = settingsOf(api, extra);
  const error = await checkCredentials(clientOf(api, settings), settings).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderError);
  const text = String(error);
  for (const form of tokenForms(QODER_TOKEN)) expect(text).not.toContain(form);
  return text;
}

describe("the credentials check", () => {
  test("is one authenticated read of the smallest Session page", async () => {
    const api = await loopback(page);
    const settings = settingsOf(api);
    await checkCredentials(clientOf(api, settings), settings);
    expect(api.received.map((r) => [r.method, r.path, r.query.toString(), r.headers.authorization])).toEqual([
      ["GET", "/api/v1/cloud/sessions", "limit=1", `Bearer ${QODER_TOKEN}`],
    ]);
  });

  test("a 401 names where the token came from, how to set it, and the URL", async () => {
    const api = await loopback({ status: 401, body: apiError("authentication_error", "Invalid token.", "req_401") });
    const text = await failureOf(api);
    expect(text).toContain(`QoderConfigError: The Qoder credentials check (GET ${api.url}/sessions) failed: ${api.url} refused`);
    expect(text).toContain("the Qoder token taken from config qoder:token (401 authentication_error: Invalid token. (request_id req_401))");
    expect(text).toContain("`pulumi config set --secret qoder:token <token>` or the QODER_ACCESS_TOKEN environment variable");
    expect(api.received).toHaveLength(1);
  });

  test("a 403 names the token's source and scope, and the URL", async () => {
    const api = await loopback({ status: 403, body: apiError("permission_error", "Token lacks scope.") });
    const text = await failureOf(api, { tokenSource: "QODER_ACCESS_TOKEN" });
    expect(text).toContain(
      `${api.url} does not allow the Qoder token taken from QODER_ACCESS_TOKEN to list Sessions (403 permission_error`,
    );
    expect(text).toMatch(/scope.*qoder:token/);
  });

  test.each([
    ["a 404 of the API's own", { status: 404, body: apiError("not_found_error", "No endpoint matches GET /v2/sessions.") }],
    ["a 404 page", { status: 404, body: "<html>Not Found</html>" }],
    ["a web page answered 200", { status: 200, body: "<html>Welcome</html>" }],
    ["JSON that is not a list", { status: 200, body: { hello: "world" } }],
    ["an error that is not the API's envelope", { status: 400, body: "Bad Request" }],
  ])("%s names qoder:apiUrl and the URL", async (_what, reply) => {
    const api = await loopback(reply);
    const text = await failureOf(api);
    expect(text).toContain(`${api.url} did not answer as the Qoder API`);
    expect(text).toContain("Check qoder:apiUrl (or QODER_API_URL, or the provider option apiUrl)");
    expect(text).toContain("/api/v1/cloud");
  });

  test("an unreachable API names the URL", async () => {
    const api = await loopback(page);
    await api.close();
    const text = await failureOf(api, { retry: { maxRetries: 0 } });
    expect(text).toContain(`could not reach ${api.url} (`);
    expect(text).toContain("ECONNREFUSED");
    expect(text).toContain("qoder:apiUrl");
  });

  test("a server error that outlasts the retries is passed on, with the URL", async () => {
    const api = await loopback({ status: 500, body: apiError("api_error", "Down.") });
    const text = await failureOf(api, { retry: { maxRetries: 1 } });
    expect(text).toContain(`The Qoder credentials check (GET ${api.url}/sessions) failed: Qoder API refused GET /sessions: 500 api_error`);
    expect(text).toContain("qoder:maxRetries (1) ran out");
  });
});

describe("once per process", () => {
  test("concurrent and later checks with the same URL and token share one request, a failure too", async () => {
    const api = await loopback({ status: 401, body: apiError("authentication_error", "Invalid token.") });
    const settings = settingsOf(api);
    const client = clientOf(api, settings);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => checkCredentialsOnce(settings, () => client).catch((e: unknown) => e)),
    );
    expect(new Set(outcomes).size).toBe(1);
    expect(outcomes[0]).toBeInstanceOf(QoderConfigError);
    await expect(checkCredentialsOnce(settings, () => client)).rejects.toBe(outcomes[0]);
    expect(api.received).toHaveLength(1);
  });

  test("another token, or another URL, is checked again", async () => {
    const api = await loopback(page);
    const client = clientOf(api);
    await checkCredentialsOnce(settingsOf(api, { token: "pt-first" }), () => client);
    await checkCredentialsOnce(settingsOf(api, { token: "pt-first" }), () => client);
    await checkCredentialsOnce(settingsOf(api, { token: "pt-second" }), () => client);
    await checkCredentialsOnce(settingsOf(api, { token: "pt-first", apiUrl: `${api.url}/` }), () => client);
    expect(api.received).toHaveLength(3);
  });
});

/** The smallest resource provider. */
class Probe extends ProviderBase<{ name: string }, { name: string }> {
  protected readonly schema = strictObject({ name: z.string({ error: "must be a string" }) }, "must be inputs");
  async create(inputs: { name: string }) {
    return { id: "x", outs: inputs };
  }
}

const configured = (values: Record<string, string>) =>
  ({ config: { get: (key: string) => values[key] } }) as pulumi.dynamic.ConfigureRequest;

describe("in a provider's check", () => {
  test("a provider built directly (as unit tests do) sends no request", async () => {
    const api = await loopback(page);
    const probe = new Probe({ apiUrl: api.url, token: "pt-unconfigured" });
    expect((await probe.check({} as never, { name: "n" })).failures).toEqual([]);
    expect(api.received).toEqual([]);
    await probe.close();
  });

  test("once the engine configured it, the first valid check checks the credentials; invalid inputs send nothing", async () => {
    const api = await loopback({ status: 401, body: apiError("authentication_error", "Invalid token.") });
    const probe = new Probe();
    await probe.configure(configured({ "qoder:token": "pt-configured-wrong", "qoder:apiUrl": api.url }));
    expect((await probe.check({} as never, { name: 5 } as never)).failures).toHaveLength(1);
    expect(api.received).toEqual([]);
    await expect(probe.check({} as never, { name: "n" })).rejects.toThrow(/refused the Qoder token taken from config qoder:token/);
    await expect(probe.check({} as never, { name: "m" })).rejects.toThrow(QoderConfigError);
    expect(api.received).toHaveLength(1);
    await probe.close();
  });

  test("with good credentials, checks go on as before after the one read", async () => {
    const api = await loopback(page);
    const probe = new Probe();
    await probe.configure(configured({ "qoder:token": "pt-configured-right", "qoder:apiUrl": api.url }));
    for (const name of ["a", "b", "c"]) expect(await probe.check({} as never, { name })).toEqual({ inputs: { name }, failures: [] });
    expect(api.received).toHaveLength(1);
    await probe.close();
  });
});
