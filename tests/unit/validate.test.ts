import { validateInputs } from "../../provider/session/validate";
import { UNKNOWN } from "../../provider/session/unknown";

const repo = { url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: "ghp_valid_token_1" };
const valid = { agent: "agent_019e390add9f", environmentId: "env_019e2590d33f", repositories: [repo] };
const withRepo = (patch: Record<string, unknown>) => ({ ...valid, repositories: [{ ...repo, ...patch }] });

describe("check: valid inputs pass", () => {
  test.each([
    ["minimal", valid],
    ["pinned agent", { ...valid, agent: { id: "agent_1", version: 2 } }],
    ["all optional fields", { ...valid, title: "t", metadata: { team: "x" }, vaultIds: ["vault_1"], memoryStoreIds: ["memstore_1"], deletionMode: "delete", adoptSessionId: "sess_1" }],
    ["branch checkout", withRepo({ checkout: { branch: "release/1.2" } })],
    ["commit checkout", withRepo({ checkout: { commit: "a".repeat(40) } })],
    ["no mount path", withRepo({ mountPath: undefined })],
    ["engine keys ignored", { ...valid, __provider: "serialized" }],
    ["unknown values during preview", { ...valid, environmentId: UNKNOWN, repositories: [{ ...repo, authorizationToken: UNKNOWN }] }],
    ["whole repository list unknown", { ...valid, repositories: UNKNOWN }],
  ])("%s", (_name, inputs) => {
    expect(validateInputs(inputs as Record<string, unknown>).failures).toEqual([]);
  });
});

// Each row: inputs, the property the failure must name, and words its reason must contain.
const invalid: [string, Record<string, unknown>, string, RegExp][] = [
  ["agent missing", { ...valid, agent: undefined }, "agent", /agent/],
  ["agent wrong prefix", { ...valid, agent: "agt_1" }, "agent", /agent_/],
  ["agent number", { ...valid, agent: 42 }, "agent", /agent/],
  ["agent version zero", { ...valid, agent: { id: "agent_1", version: 0 } }, "agent.version", /whole number/],
  ["agent version fraction", { ...valid, agent: { id: "agent_1", version: 1.5 } }, "agent.version", /whole number/],
  ["agent object unknown field", { ...valid, agent: { id: "agent_1", name: "x" } }, "agent", /unknown field.*"name"/],
  ["environment wrong prefix", { ...valid, environmentId: "environment_1" }, "environmentId", /env_/],
  ["environment empty", { ...valid, environmentId: "" }, "environmentId", /env_/],
  ["repositories not a list", { ...valid, repositories: "https://github.com/a/b" }, "repositories", /list/],
  ["repositories missing", { ...valid, repositories: undefined }, "repositories", /list/],
  ["url with .git", withRepo({ url: "https://github.com/acme/backend.git" }), "repositories[0].url", /\.git/],
  ["url other host", withRepo({ url: "https://gitlab.com/acme/backend" }), "repositories[0].url", /github\.com, not gitlab\.com/],
  ["url http", withRepo({ url: "http://github.com/acme/backend" }), "repositories[0].url", /https/],
  ["url trailing slash", withRepo({ url: "https://github.com/acme/backend/" }), "repositories[0].url", /slash/],
  ["url extra path", withRepo({ url: "https://github.com/acme/backend/tree/main" }), "repositories[0].url", /owner and a repository/],
  ["url owner only", withRepo({ url: "https://github.com/acme" }), "repositories[0].url", /owner and a repository/],
  ["url with query", withRepo({ url: "https://github.com/acme/backend?x=1" }), "repositories[0].url", /query/],
  ["url not a URL", withRepo({ url: "acme/backend" }), "repositories[0].url", /not a URL/],
  ["url embeds credentials", withRepo({ url: "https://user:ghp_secret@github.com/acme/backend" }), "repositories[0].url", /credentials/],
  ["url bad owner", withRepo({ url: "https://github.com/-acme/backend" }), "repositories[0].url", /owner/],
  ["url too long", withRepo({ url: `https://github.com/acme/${"r".repeat(2100)}` }), "repositories[0].url", /2048/],
  ["mount path relative", withRepo({ mountPath: "app/backend" }), "repositories[0].mountPath", /absolute/],
  ["mount path with ..", withRepo({ mountPath: "/app/../etc" }), "repositories[0].mountPath", /\.\./],
  ["mount path not normalised", withRepo({ mountPath: "/app//backend" }), "repositories[0].mountPath", /normalised.*"\/app\/backend"/],
  ["mount path trailing slash", withRepo({ mountPath: "/app/backend/" }), "repositories[0].mountPath", /normalised/],
  ["mount path root", withRepo({ mountPath: "/" }), "repositories[0].mountPath", /root/],
  ["mount path number", withRepo({ mountPath: 7 }), "repositories[0].mountPath", /string/],
  ["token empty", withRepo({ authorizationToken: "" }), "repositories[0].authorizationToken", /empty/],
  ["token missing", withRepo({ authorizationToken: undefined }), "repositories[0].authorizationToken", /token/],
  ["token too long", withRepo({ authorizationToken: "t".repeat(4097) }), "repositories[0].authorizationToken", /4096/],
  ["token trailing newline", withRepo({ authorizationToken: "ghp_abc\n" }), "repositories[0].authorizationToken", /whitespace/],
  ["checkout both", withRepo({ checkout: { branch: "main", commit: "a".repeat(40) } }), "repositories[0].checkout", /exactly one/],
  ["checkout neither", withRepo({ checkout: {} }), "repositories[0].checkout", /exactly one/],
  ["checkout short sha", withRepo({ checkout: { commit: "abc123" } }), "repositories[0].checkout.commit", /40-character/],
  ["checkout bad branch", withRepo({ checkout: { branch: "feature..x" } }), "repositories[0].checkout.branch", /branch name/],
  ["checkout string", withRepo({ checkout: "main" }), "repositories[0].checkout", /branch/],
  ["repository unknown field", withRepo({ path: "/x" }), "repositories[0]", /unknown field.*"path"/],
  ["duplicate mount path", { ...valid, repositories: [repo, { ...repo, url: "https://github.com/acme/other" }] }, "repositories[1].mountPath", /twice/],
  ["duplicate url without mount", { ...valid, repositories: [{ ...repo, mountPath: undefined }, { ...repo, mountPath: undefined }] }, "repositories[1].url", /twice/],
  ["nested mount", { ...valid, repositories: [repo, { ...repo, url: "https://github.com/acme/lib", mountPath: "/app/backend/lib" }] }, "repositories[1].mountPath", /inside/],
  ["metadata key too long", { ...valid, metadata: { ["k".repeat(65)]: "v" } }, `metadata.${"k".repeat(65)}`, /64/],
  ["metadata empty key", { ...valid, metadata: { "": "v" } }, 'metadata[""]', /empty/],
  ["metadata value too long", { ...valid, metadata: { k: "v".repeat(513) } }, "metadata.k", /512/],
  ["metadata value number", { ...valid, metadata: { k: 5 } }, "metadata.k", /strings/],
  ["metadata too many pairs", { ...valid, metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) }, "metadata", /16/],
  ["vault wrong prefix", { ...valid, vaultIds: ["vlt_1"] }, "vaultIds[0]", /vault_/],
  ["vault duplicate", { ...valid, vaultIds: ["vault_1", "vault_1"] }, "vaultIds", /twice/],
  ["memory store wrong prefix", { ...valid, memoryStoreIds: ["mem_1"] }, "memoryStoreIds[0]", /memstore_/],
  ["deletion mode unknown", { ...valid, deletionMode: "destroy" }, "deletionMode", /"archive" or "delete"/],
  ["adopt id wrong prefix", { ...valid, adoptSessionId: "ses_1" }, "adoptSessionId", /sess_/],
  ["title number", { ...valid, title: 5 }, "title", /string/],
  ["unknown input", { ...valid, repos: [] }, "inputs", /unknown.*"repos"/],
];

describe("check: invalid inputs are refused naming the property", () => {
  test(`the table holds ${invalid.length} cases`, () => expect(invalid.length).toBeGreaterThanOrEqual(40));

  test.each(invalid)("%s", (_name, inputs, property, reason) => {
    const { failures } = validateInputs(inputs);
    const failure = failures.find((f) => f.property === property);
    expect({ failures, found: failure !== undefined }).toEqual(expect.objectContaining({ found: true }));
    expect(failure!.reason).toMatch(reason);
  });

  test("no failure reason repeats a token", () => {
    for (const [, inputs] of invalid) {
      for (const failure of validateInputs(inputs).failures) {
        expect(failure.reason).not.toContain("ghp_");
      }
    }
  });
});
