import { checkInputs } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { sessionSchema } from "../../provider/session/model";

const validateInputs = (inputs: Record<string, unknown>) => checkInputs(sessionSchema, inputs);

import { EMBEDDED_SECRET, gitRepo, invalid, repo, valid, withGitRepo, withRepo } from "./invalid-inputs";

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
