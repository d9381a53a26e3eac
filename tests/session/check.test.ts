import { checkInputs } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { sessionSchema } from "../../provider/session/model";

const validateInputs = (inputs: Record<string, unknown>) => checkInputs(sessionSchema, inputs);

import { DEFAULT_MOUNT_ROOT, defaultMountPath } from "../../provider/session/mount-path";
import { defaulted, EMBEDDED_SECRET, gitRepo, invalid, repo, valid, withGitRepo, withRepo } from "./invalid-inputs";

describe("check: valid inputs pass", () => {
  test.each([
    ["minimal", valid],
    ["pinned agent", { ...valid, agent: { id: "agent_1", version: 2 } }],
    [
      "all optional fields",
      {
        ...valid,
        title: "t",
        metadata: { team: "x" },
        vaultIds: ["vault_1"],
        memoryStoreIds: ["memstore_1"],
        deletionMode: "delete",
        adoptSessionId: "sess_1",
      },
    ],
    ["a GitHub and a Git repository", withGitRepo({})],
    ["a GitHub repository with type github", withRepo({ type: "github" })],
    ["a Git repository with checkout and no mount path", withGitRepo({ mountPath: undefined, checkout: { commit: "a".repeat(40) } })],
    ["a Git repository on a port, username percent-encoded", withGitRepo({ url: "https://me%40corp@git.example.com:8443/x/y" })],
    [
      "memory stores in both forms",
      { ...valid, memoryStoreIds: ["memstore_1", { id: "memstore_2", access: "read_only", instructions: "Notes" }] },
    ],
    ["a Git password unknown during preview", { ...valid, repositories: [repo, { ...gitRepo, password: UNKNOWN }] }],
    ["branch checkout", withRepo({ checkout: { branch: "release/1.2" } })],
    ["commit checkout", withRepo({ checkout: { commit: "a".repeat(40) } })],
    ["no mount path", withRepo({ mountPath: undefined })],
    [
      "default mount paths of different names",
      { ...valid, repositories: [defaulted("https://github.com/acme/backend"), defaulted("https://github.com/acme/frontend")] },
    ],
    [
      "an explicit mount path beside a default one that shares only a prefix",
      { ...valid, repositories: [defaulted("https://github.com/acme/api"), { ...repo, mountPath: "/data/workspace/api-v2" }] },
    ],
    [
      "a GitHub and a Git repository of different names, both defaulted",
      { ...valid, repositories: [defaulted("https://github.com/acme/backend"), { ...gitRepo, mountPath: undefined }] },
    ],
    ["engine keys ignored", { ...valid, __provider: "serialized" }],
    ["unknown values during preview", { ...valid, environmentId: UNKNOWN, repositories: [{ ...repo, authorizationToken: UNKNOWN }] }],
    ["whole repository list unknown", { ...valid, repositories: UNKNOWN }],
    // An Agent resource's version while the agent is being updated, inside the id-or-object union.
    ["pinned version unknown during preview", { ...valid, agent: { id: "agent_1", version: UNKNOWN } }],
  ])("%s", (_name, inputs) => {
    expect(validateInputs(inputs as Record<string, unknown>).failures).toEqual([]);
  });
});

describe("check: invalid inputs are refused naming the property", () => {
  test(`the table holds ${invalid.length} cases`, () => expect(invalid.length).toBeGreaterThanOrEqual(70));

  test.each(invalid)("%s", (_name, inputs, property, reason) => {
    const { failures } = validateInputs(inputs);
    const failure = failures.find((f) => f.property === property);
    expect({ failures, found: failure !== undefined }).toEqual(expect.objectContaining({ found: true }));
    expect(failure!.reason).toMatch(reason);
  });

  test("no failure reason repeats a token, a password, or a password embedded in a URL", () => {
    for (const [, inputs] of invalid) {
      for (const failure of validateInputs(inputs).failures) {
        expect(failure.reason).not.toContain("ghp_");
        expect(failure.reason).not.toContain("horse");
        expect(failure.reason).not.toContain(EMBEDDED_SECRET);
      }
    }
  });
});

describe("the default mount path, as check derives it (docs/api-contract.md#session-resources)", () => {
  test.each([
    ["a GitHub repository", "https://github.com/acme/api", "/data/workspace/api"],
    ["a Git repository: its last path segment without .git", "https://deploy@git.example.com/team/lib.git", "/data/workspace/lib"],
    ["a Git repository without .git", "https://deploy@git.example.com/team/lib", "/data/workspace/lib"],
    ["a Git repository with a trailing slash", "https://deploy@git.example.com/team/lib/", "/data/workspace/lib"],
    ["a dotted name keeps its dots", "https://github.com/acme/web.app", "/data/workspace/web.app"],
  ])("%s", (_name, url, path) => {
    expect(defaultMountPath(url)).toBe(path);
    expect(path.startsWith(`${DEFAULT_MOUNT_ROOT}/`)).toBe(true);
  });

  test.each([["https://deploy@git.example.com"], ["https://deploy@git.example.com/.git"], ["https://deploy@git.example.com/team/.."]])(
    "none for %s, which names no repository",
    (url) => expect(defaultMountPath(url)).toBeUndefined(),
  );

  test("a failure names both repositories: the later one by its property path, the earlier in the reason", () => {
    const inputs = {
      ...valid,
      repositories: [defaulted("https://github.com/acme/backend"), defaulted("https://github.com/other/backend")],
    };
    expect(validateInputs(inputs).failures).toEqual([
      {
        property: "repositories[1].url",
        reason:
          'duplicates repositories[0]: each repository needs its own mount path, "/data/workspace/backend" is used twice; both take the ' +
          "default mount path: without mountPath, the API mounts a repository at /data/workspace/<its name> (give one of them a mountPath)",
      },
    ]);
  });
});
