import { checkInputs } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { vaultSchema } from "../../provider/vault/model";
import { VaultProvider } from "../../provider/vault/provider";

const bearer = { type: "static_bearer", mcpServerUrl: "https://mcp.acme.dev/sse", token: "mcp_token_1a2b" };
const variable = { type: "environment_variable", secretName: "NPM_TOKEN", secretValue: "npm_value_3c4d" };
const valid = { displayName: "Team vault", credentials: [bearer, variable] };
const withCredential = (credential: Record<string, unknown>) => ({ ...valid, credentials: [credential] });

const check = (inputs: Record<string, unknown>) => checkInputs(vaultSchema, inputs);

describe("check: valid inputs pass", () => {
  test.each([
    ["display name only", { displayName: "v" }],
    ["every property", { ...valid, metadata: { team: "x" }, deletionMode: "delete" }],
    ["255-character display name", { displayName: "n".repeat(255) }],
    ["no credentials", { displayName: "v", credentials: [] }],
    ["a secret with inner spaces", withCredential({ ...variable, secretValue: "correct horse battery" })],
    ["a 2048-character URL", withCredential({ ...bearer, mcpServerUrl: `https://mcp.acme.dev/${"p".repeat(2027)}` })],
    ["engine keys ignored", { ...valid, __provider: "serialized" }],
    ["unknown values during preview", withCredential({ ...bearer, token: UNKNOWN })],
    ["the whole list unknown", { ...valid, credentials: UNKNOWN }],
  ])("%s", (_name, inputs) => {
    expect(check(inputs as Record<string, unknown>).failures).toEqual([]);
  });
});

// Each row: inputs, the property the failure must name, and the words its reason must contain.
const invalid: [string, Record<string, unknown>, string, RegExp][] = [
  ["display name missing", { credentials: [] }, "displayName", /must be a string/],
  ["display name empty", { displayName: "" }, "displayName", /must not be empty/],
  ["display name too long", { displayName: "n".repeat(256) }, "displayName", /at most 255 characters/],
  ["metadata not a map", { ...valid, metadata: "team=x" }, "metadata", /map of string keys/],
  ["deletion mode unknown", { ...valid, deletionMode: "purge" }, "deletionMode", /"archive" or "delete"/],
  ["unknown vault field", { ...valid, name: "x" }, "inputs", /unknown field\(s\) "name"/],
  ["credentials not a list", { ...valid, credentials: bearer }, "credentials", /list of credentials/],
  ["credential not an object", { ...valid, credentials: ["token"] }, "credentials[0]", /credential object/],
  [
    "type missing",
    withCredential({ mcpServerUrl: bearer.mcpServerUrl, token: "t" }),
    "credentials[0].type",
    /must be set: "static_bearer" or "environment_variable"/,
  ],
  ["type unknown", withCredential({ ...bearer, type: "api_key" }), "credentials[0].type", /unknown credential type "api_key"/],
  [
    "mcp_oauth refused",
    withCredential({ ...bearer, type: "mcp_oauth" }),
    "credentials[0].type",
    /"mcp_oauth" credentials are not supported.*OAuth flow/,
  ],
  ["unknown credential field", withCredential({ ...bearer, secretName: "X" }), "credentials[0]", /unknown field\(s\) "secretName"/],
  ["bearer without URL", withCredential({ type: "static_bearer", token: "t" }), "credentials[0].mcpServerUrl", /string URL/],
  [
    "URL over http",
    withCredential({ ...bearer, mcpServerUrl: "http://mcp.acme.dev" }),
    "credentials[0].mcpServerUrl",
    /must use https, not http/,
  ],
  ["URL not a URL", withCredential({ ...bearer, mcpServerUrl: "mcp.acme.dev" }), "credentials[0].mcpServerUrl", /is not a URL/],
  [
    "URL too long",
    withCredential({ ...bearer, mcpServerUrl: `https://mcp.acme.dev/${"p".repeat(2028)}` }),
    "credentials[0].mcpServerUrl",
    /at most 2048 characters/,
  ],
  [
    "URL embedding credentials",
    withCredential({ ...bearer, mcpServerUrl: "https://user:pw_in_url@mcp.acme.dev" }),
    "credentials[0].mcpServerUrl",
    /must not embed credentials/,
  ],
  [
    "token missing",
    withCredential({ type: "static_bearer", mcpServerUrl: bearer.mcpServerUrl }),
    "credentials[0].token",
    /must be a string token/,
  ],
  ["token empty", withCredential({ ...bearer, token: "" }), "credentials[0].token", /must not be empty/],
  [
    "token trailing newline",
    withCredential({ ...bearer, token: "mcp_token\n" }),
    "credentials[0].token",
    /line breaks.*trailing newline from a file or pipe/,
  ],
  ["token CRLF inside", withCredential({ ...bearer, token: "mcp\r\ntoken" }), "credentials[0].token", /line breaks/],
  [
    "token leading space",
    withCredential({ ...bearer, token: " mcp_token" }),
    "credentials[0].token",
    /begin or end with whitespace.*trailing newline/,
  ],
  ["token trailing tab", withCredential({ ...bearer, token: "mcp_token\t" }), "credentials[0].token", /begin or end with whitespace/],
  ["token a number", withCredential({ ...bearer, token: 42 }), "credentials[0].token", /must be a string token/],
  [
    "secret name missing",
    withCredential({ type: "environment_variable", secretValue: "v" }),
    "credentials[0].secretName",
    /must be a string/,
  ],
  [
    "secret name with a dash",
    withCredential({ ...variable, secretName: "NPM-TOKEN" }),
    "credentials[0].secretName",
    /environment variable name.*"NPM-TOKEN"/,
  ],
  [
    "secret name starting with a digit",
    withCredential({ ...variable, secretName: "1TOKEN" }),
    "credentials[0].secretName",
    /not starting with a digit/,
  ],
  ["secret name empty", withCredential({ ...variable, secretName: "" }), "credentials[0].secretName", /environment variable name/],
  ["secret value empty", withCredential({ ...variable, secretValue: "" }), "credentials[0].secretValue", /must not be empty/],
  [
    "secret value trailing newline",
    withCredential({ ...variable, secretValue: "v\n" }),
    "credentials[0].secretValue",
    /trailing newline from a file or pipe/,
  ],
  [
    "secret value missing",
    withCredential({ type: "environment_variable", secretName: "X" }),
    "credentials[0].secretValue",
    /must be a string value/,
  ],
  [
    "the same URL twice",
    { ...valid, credentials: [bearer, variable, { ...bearer, token: "other_token" }] },
    "credentials[2].mcpServerUrl",
    /duplicates credentials\[0\]: each MCP server URL may have only one credential/,
  ],
  [
    "the same secret name twice",
    { ...valid, credentials: [variable, { ...variable, secretValue: "other" }] },
    "credentials[1].secretName",
    /duplicates credentials\[0\]: each secret name may have only one credential/,
  ],
];

describe("check: invalid inputs are refused naming the property", () => {
  test.each(invalid)("%s", (_name, inputs, property, reason) => {
    const { failures } = check(inputs);
    const failure = failures.find((f) => f.property === property);
    expect({ failures, found: failure !== undefined }).toEqual(expect.objectContaining({ found: true }));
    expect(failure!.reason).toMatch(reason);
  });

  test("no failure reason repeats a secret", () => {
    for (const [, inputs] of invalid) {
      for (const failure of check(inputs).failures) expect(failure.reason).not.toMatch(/mcp_token|npm_value|other_token|pw_in_url/);
    }
  });
});

describe("check through the provider", () => {
  test("refuses what the API would refuse, with no client ever built", async () => {
    const provider = new VaultProvider({ apiUrl: "http://127.0.0.1:9/api/v1/cloud", token: "unused" });
    const result = await provider.check({} as never, withCredential({ ...bearer, type: "mcp_oauth" }) as never);
    expect(result.failures).toEqual([{ property: "credentials[0].type", reason: expect.stringMatching(/mcp_oauth/) }]);
  });

  test("a type named like a member of every object is an unknown type, not a crash", async () => {
    const provider = new VaultProvider({ apiUrl: "http://127.0.0.1:9/api/v1/cloud", token: "unused" });
    const result = await provider.check({} as never, withCredential({ ...bearer, type: "constructor" }) as never);
    expect(result.failures).toEqual([
      { property: "credentials[0].type", reason: expect.stringMatching(/unknown credential type "constructor"/) },
    ]);
  });

  test("splits the secrets out of the credentials, with a fingerprint in their place", async () => {
    const provider = new VaultProvider({ apiUrl: "http://127.0.0.1:9/api/v1/cloud", token: "unused" });
    const { inputs } = await provider.check({} as never, valid as never);
    expect(inputs).toEqual({
      displayName: "Team vault",
      credentials: [
        { type: "static_bearer", mcpServerUrl: bearer.mcpServerUrl, tokenFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) },
        { type: "environment_variable", secretName: "NPM_TOKEN", secretValueFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) },
      ],
      credentialSecrets: [{ token: bearer.token }, { secretValue: variable.secretValue }],
    });
  });

  test("a secrets list unknown during preview leaves each credential only its own secret field", async () => {
    const provider = new VaultProvider({ apiUrl: "http://127.0.0.1:9/api/v1/cloud", token: "unused" });
    const news = {
      displayName: "v",
      credentials: [
        { type: "static_bearer", mcpServerUrl: bearer.mcpServerUrl },
        { type: "environment_variable", secretName: "NPM_TOKEN" },
      ],
      credentialSecrets: UNKNOWN,
    };
    const result = await provider.check({} as never, news as never);
    expect(result.failures).toEqual([]);
  });
});
