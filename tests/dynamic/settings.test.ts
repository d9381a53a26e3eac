import { resolveClientOptions } from "../../provider/dynamic/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("provider settings", () => {
  test("explicit options win over config, config over the environment", () => {
    const env = { QODER_ACCESS_TOKEN: "env-token", QODER_API_URL: "https://env.example" };
    expect(resolveClientOptions({ token: "opt-token" }, config({ "qoder:token": "cfg-token" }), env)).toMatchObject({
      token: "opt-token",
      tokenSource: "provider options",
      apiUrl: "https://env.example",
    });
    expect(resolveClientOptions({}, config({ "qoder:token": "cfg-token", "qoder:apiUrl": "https://cfg.example" }), env)).toMatchObject({
      token: "cfg-token",
      tokenSource: "config qoder:token",
      apiUrl: "https://cfg.example",
    });
    expect(resolveClientOptions({}, undefined, env)).toMatchObject({ token: "env-token", tokenSource: "QODER_ACCESS_TOKEN" });
    expect(resolveClientOptions({}, undefined, { QODER_PAT: "pat" })).toMatchObject({
      token: "pat",
      tokenSource: "QODER_PAT",
      apiUrl: "https://api.qoder.com/api/v1/cloud",
    });
  });

  test("no token anywhere says how to set one", () => {
    expect(() => resolveClientOptions({}, config({}), {})).toThrow(/pulumi config set --secret qoder:token.*QODER_ACCESS_TOKEN/);
  });

  test.each([
    ["not a URL", "api.qoder.com", /qoder:apiUrl is not a URL/],
    ["plain http to a remote host", "http://api.qoder.com/api/v1/cloud", /must use https/],
    ["credentials in the URL", "https://user:pw@api.qoder.com", /must not embed credentials/],
    ["a query string", "https://api.qoder.com/api?x=1", /query or fragment/],
  ])("a malformed qoder:apiUrl (%s) is refused, naming the key", (_name, apiUrl, message) => {
    expect(() => resolveClientOptions({}, config({ "qoder:token": "t0ken", "qoder:apiUrl": apiUrl }), {})).toThrow(message);
  });

  test("plain http is accepted for a loopback emulator", () => {
    expect(
      resolveClientOptions({}, config({ "qoder:token": "t0ken", "qoder:apiUrl": "http://127.0.0.1:8080/api/v1/cloud" }), {}).apiUrl,
    ).toBe("http://127.0.0.1:8080/api/v1/cloud");
  });

  test("retry and timeout settings must be whole numbers", () => {
    expect(
      resolveClientOptions({}, config({ "qoder:token": "t0ken", "qoder:maxRetries": "2", "qoder:requestTimeout": "5000" }), {}),
    ).toMatchObject({ retry: { maxRetries: 2 }, requestTimeoutMs: 5000 });
    expect(() => resolveClientOptions({}, config({ "qoder:token": "t0ken", "qoder:maxRetries": "lots" }), {})).toThrow(
      /qoder:maxRetries must be a whole number/,
    );
  });

  test("a token with a trailing newline is refused without echoing it", () => {
    const error = (() => {
      try {
        resolveClientOptions({}, config({ "qoder:token": "qoder_secret_value\n" }), {});
      } catch (e) {
        return String(e);
      }
    })();
    expect(error).toMatch(/whitespace/);
    expect(error).not.toContain("qoder_secret_value");
  });
});

describe("provider settings: the rest", () => {
  test("a blank value is no value: the next source is used", () => {
    expect(
      resolveClientOptions({ token: "", apiUrl: "" }, config({ "qoder:token": "", "qoder:apiUrl": "" }), {
        QODER_ACCESS_TOKEN: "",
        QODER_PAT: "pat",
      }),
    ).toEqual({
      apiUrl: "https://api.qoder.com/api/v1/cloud",
      token: "pat",
      tokenSource: "QODER_PAT",
    });
    expect(() => resolveClientOptions({}, config({ "qoder:token": "" }), { QODER_ACCESS_TOKEN: "" })).toThrow(
      "No Qoder token is set: run `pulumi config set --secret qoder:token <token>`, or set QODER_ACCESS_TOKEN in the environment",
    );
  });

  test("explicit options set the retries and the timeout without config", () => {
    expect(resolveClientOptions({ token: "t0ken", maxRetries: 0, requestTimeoutMs: 50 }, undefined, {})).toEqual({
      apiUrl: "https://api.qoder.com/api/v1/cloud",
      token: "t0ken",
      tokenSource: "provider options",
      requestTimeoutMs: 50,
      retry: { maxRetries: 0 },
    });
  });

  test("0 retries is allowed in config, a timeout of 0 is not; both name what was given", () => {
    expect(resolveClientOptions({ token: "t0ken" }, config({ "qoder:maxRetries": "0" }), {}).retry).toEqual({ maxRetries: 0 });
    expect(() => resolveClientOptions({ token: "t0ken" }, config({ "qoder:requestTimeout": "0" }), {})).toThrow(
      'config qoder:requestTimeout (milliseconds) must be a whole number ≥ 1, got "0"',
    );
    expect(() => resolveClientOptions({ token: "t0ken" }, config({ "qoder:maxRetries": "-1" }), {})).toThrow(
      'config qoder:maxRetries must be a whole number ≥ 0, got "-1"',
    );
    expect(() => resolveClientOptions({ token: "t0ken" }, config({ "qoder:maxRetries": "1.5" }), {})).toThrow(/got "1.5"/);
    expect(resolveClientOptions({ token: "t0ken" }, config({ "qoder:requestTimeout": "1" }), {}).requestTimeoutMs).toBe(1);
  });

  test("errors name where the URL came from and what it was", () => {
    expect(() => resolveClientOptions({ token: "t0ken", apiUrl: "ftp://x" }, undefined, {})).toThrow(
      'The Qoder API URL from provider option apiUrl must use https (plain http is accepted only for a loopback address such as a local emulator): "ftp://x"',
    );
    expect(() => resolveClientOptions({ token: "t0ken" }, undefined, { QODER_API_URL: "https://h/#x" })).toThrow(
      'The Qoder API URL from QODER_API_URL must not have a query or fragment: "https://h/#x"',
    );
    expect(() => resolveClientOptions({ token: "t0ken" }, undefined, { QODER_API_URL: "https://:pw@h" })).toThrow(
      /must not embed credentials/,
    );
  });

  test.each(["http://localhost:8080", "http://127.0.0.1", "http://127.1.2.3:9", "http://[::1]:8080"])(
    "plain http to %s is a loopback",
    (url) => {
      expect(resolveClientOptions({ token: "t0ken", apiUrl: url }, undefined, {}).apiUrl).toBe(url);
    },
  );

  test.each(["http://10.0.0.1", "http://128.0.0.1", "http://localhost.example"])("plain http to %s is refused", (url) => {
    expect(() => resolveClientOptions({ token: "t0ken", apiUrl: url }, undefined, {})).toThrow(/must use https/);
  });

  test("whitespace anywhere in the token is refused, naming its source", () => {
    expect(() => resolveClientOptions({ token: "a b" }, undefined, {})).toThrow(
      "The Qoder token from provider options contains whitespace; check for a trailing newline",
    );
  });
});

describe("provider settings: the rate-limit budget", () => {
  const token = { "qoder:token": "t0ken" };

  test("qoder:rateLimitBudget is whole seconds, passed on in milliseconds", () => {
    expect(resolveClientOptions({}, config({ ...token, "qoder:rateLimitBudget": "600" }), {}).retry).toEqual({
      rateLimitBudgetMs: 600_000,
    });
    expect(resolveClientOptions({}, config({ ...token, "qoder:rateLimitBudget": "0" }), {}).retry).toEqual({ rateLimitBudgetMs: 0 });
    expect(resolveClientOptions({}, config({ ...token, "qoder:rateLimitBudget": "60", "qoder:maxRetries": "2" }), {}).retry).toEqual({
      maxRetries: 2,
      rateLimitBudgetMs: 60_000,
    });
  });

  test("left out, the client's default applies: no retry settings are passed", () => {
    expect(resolveClientOptions({}, config(token), {}).retry).toBeUndefined();
  });

  test.each(["5m", "1.5", "-1", "300s"])("qoder:rateLimitBudget %s is refused, naming the key, the unit and the value", (value) => {
    expect(() => resolveClientOptions({}, config({ ...token, "qoder:rateLimitBudget": value }), {})).toThrow(
      `config qoder:rateLimitBudget (seconds) must be a whole number ≥ 0, got "${value}"`,
    );
  });

  test("the provider option rateLimitBudgetMs wins over config, and must be a number of milliseconds ≥ 0", () => {
    expect(resolveClientOptions({ rateLimitBudgetMs: 250 }, config({ ...token, "qoder:rateLimitBudget": "600" }), {}).retry).toEqual({
      rateLimitBudgetMs: 250,
    });
    expect(() => resolveClientOptions({ token: "t0ken", rateLimitBudgetMs: -5 }, undefined, {})).toThrow(
      "The provider option rateLimitBudgetMs must be a number of milliseconds ≥ 0, got -5",
    );
    expect(() => resolveClientOptions({ token: "t0ken", rateLimitBudgetMs: Number.NaN }, undefined, {})).toThrow(/rateLimitBudgetMs/);
  });
});
