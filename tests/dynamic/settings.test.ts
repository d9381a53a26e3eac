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
