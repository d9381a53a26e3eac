import { checkInputs } from "../../provider/dynamic/properties";
import { githubUrlProblem } from "../../provider/session/github-url";
import { sessionSchema } from "../../provider/session/model";
import { enclosingDirectories, mountPathProblem } from "../../provider/session/mount-path";
import { repo, valid, withRepo } from "./invalid-inputs";

/** The reasons `check` gives for `property`, or [] when it passes. */
function reasons(inputs: Record<string, unknown>, property: string): string[] {
  return checkInputs(sessionSchema, inputs)
    .failures.filter((failure) => failure.property === property)
    .map((failure) => failure.reason);
}

const expected = "expected https://github.com/<owner>/<repo>";
const otherHost = `${expected}, or set type: "git" for a repository on another host`;

describe("repository url: the whole message a user sees", () => {
  test.each([
    ["", `must not be empty; ${expected}`],
    ["acme/backend", `is not a URL; ${expected}`],
    [
      "https://:pw@github.com/acme/backend",
      'must not embed credentials; put the token in authorizationToken (or, for a Git repository with the username in its URL, set type: "git")',
    ],
    // A password holding "/" would otherwise read as the host's port and the start of the path.
    [
      "https://u:12/34@github.com/acme/backend",
      'must not embed credentials; put the token in authorizationToken (or, for a Git repository with the username in its URL, set type: "git")',
    ],
    ["http://github.com/acme/backend", `must use https, not http; ${expected}`],
    ["https://github.com:8443/acme/backend", `must be on github.com, not github.com:8443; ${otherHost}`],
    ["https://www.github.com/acme/backend", `must be on github.com, not www.github.com; ${otherHost}`],
    ["https://github.com/acme/backend#readme", `must not have a query or fragment; ${expected}`],
    ["https://github.com/acme/backend.git", "must not end with .git; use https://github.com/acme/backend"],
    ["https://github.com/acme/my.gitops.git", "must not end with .git; use https://github.com/acme/my.gitops"],
    ["https://github.com/acme/backend//", "must not end with a slash; use https://github.com/acme/backend"],
    ["https://github.com/", `must name exactly an owner and a repository; ${expected}`],
    ["https://github.com/acme_corp/backend", 'has an invalid owner "acme_corp"; owners are letters, digits and hyphens'],
    [`https://github.com/${"o".repeat(40)}/backend`, `has an invalid owner "${"o".repeat(40)}"; owners are letters, digits and hyphens`],
    ["https://github.com/acme/back~end", `has an invalid repository name "back~end"; names are letters, digits, '.', '_' and '-'`],
    [
      `https://github.com/acme/${"r".repeat(101)}`,
      `has an invalid repository name "${"r".repeat(101)}"; names are letters, digits, '.', '_' and '-'`,
    ],
    [
      `https://github.com/acme/${"r".repeat(2048 - 24)}`,
      `has an invalid repository name "${"r".repeat(2048 - 24)}"; names are letters, digits, '.', '_' and '-'`,
    ],
    [`https://github.com/acme/${"r".repeat(2049 - 24)}`, "must be at most 2048 characters"],
  ])("%s", (url, message) => {
    expect(githubUrlProblem(url)).toBe(message);
  });

  test.each([
    "https://github.com/acme/backend",
    "https://github.com/a/b",
    `https://github.com/${"o".repeat(39)}/${"r".repeat(100)}`,
    "https://github.com/Acme-2/my.repo_v-2",
    "https://github.com/acme/.github",
  ])("%s is accepted", (url) => {
    expect(githubUrlProblem(url)).toBeUndefined();
  });
});

describe("mount path", () => {
  test.each([
    ["app", 'must be an absolute path starting with "/", got "app"'],
    [`/${"a".repeat(1024)}`, "must be at most 1024 characters"],
    ["/app/\u0007bell", "must not contain control characters"],
    ["/app/\u001fx", "must not contain control characters"],
    ["/app/\u007fx", "must not contain control characters"],
    ["/app/\u0000x", "must not contain control characters"],
    ["/", 'must not be the container root "/"'],
    ["/app/..", 'must not contain ".." segments, got "/app/.."'],
    ["/app/./backend", 'must be normalised: use "/app/backend" instead of "/app/./backend"'],
    ["/app/backend/", 'must be normalised: use "/app/backend" instead of "/app/backend/"'],
  ])("%j is refused: %s", (path, message) => {
    expect(mountPathProblem(path)).toBe(message);
  });

  test.each([`/${"a".repeat(1023)}`, "/app/..backend", "/app/back end", "/a"])("%j is accepted", (path) => {
    expect(mountPathProblem(path)).toBeUndefined();
  });

  test("the directories a path lies inside", () => {
    expect(enclosingDirectories("/a/b/c")).toEqual(["/a", "/a/b"]);
    expect(enclosingDirectories("/a")).toEqual([]);
  });
});

describe("ids", () => {
  test("a wrong id names what was given and what is expected", () => {
    expect(reasons({ ...valid, agent: "agt_1" }, "agent")).toEqual(['must be an agent id like "agent_019e…", got "agt_1"']);
    expect(reasons({ ...valid, environmentId: 7 }, "environmentId")).toEqual(['must be an environment id (a string starting with "env_")']);
    expect(reasons({ ...valid, environmentId: "env_a b" }, "environmentId")).toEqual([
      'must be an environment id like "env_019e…", got "env_a b"',
    ]);
    expect(reasons({ ...valid, environmentId: "xenv_1" }, "environmentId")).toEqual([
      'must be an environment id like "env_019e…", got "xenv_1"',
    ]);
    expect(reasons({ ...valid, environmentId: "env_" }, "environmentId")).toHaveLength(1);
    expect(reasons({ ...valid, adoptSessionId: "sess_1" }, "adoptSessionId")).toEqual([]);
  });

  test("an id of 128 characters passes, 129 is refused", () => {
    expect(reasons({ ...valid, environmentId: `env_${"a".repeat(124)}` }, "environmentId")).toEqual([]);
    expect(reasons({ ...valid, environmentId: `env_${"a".repeat(125)}` }, "environmentId")).toEqual(["must be at most 128 characters"]);
  });

  test("id lists", () => {
    expect(reasons({ ...valid, vaultIds: "vault_1" }, "vaultIds")).toEqual(["must be a list of a vault ids"]);
    expect(reasons({ ...valid, vaultIds: ["vault_1", "vault_1"] }, "vaultIds")).toEqual(["must not list the same id twice"]);
    expect(reasons({ ...valid, memoryStoreIds: ["memstore_1", "memstore_2"] }, "memoryStoreIds")).toEqual([]);
  });

  test("an agent that is neither an id nor an object says both forms", () => {
    expect(reasons({ ...valid, agent: 42 }, "agent")).toEqual(['must be an agent id "agent_…" or { id: "agent_…", version?: number }']);
    expect(reasons({ ...valid, agent: { id: "agent_1", version: 1.5 } }, "agent.version")).toEqual(["must be a whole number ≥ 1"]);
    expect(reasons({ ...valid, agent: { id: "agent_1", version: "2" } }, "agent.version")).toEqual(["must be a whole number ≥ 1"]);
    expect(reasons({ ...valid, agent: { id: "agent_1", version: 1 } }, "agent.version")).toEqual([]);
  });
});

describe("checkout", () => {
  test.each([
    "has space",
    "tab\tname",
    "a~1",
    "a^1",
    "a:b",
    "what?",
    "star*",
    "br[ack",
    "back\\slash",
    "a..b",
    "-leading",
    "/leading",
    "trailing/",
    "name.lock",
    "at@{1}",
  ])("branch %j is refused as not a valid git branch name", (branch) => {
    expect(reasons(withRepo({ checkout: { branch } }), "repositories[0].checkout.branch")).toEqual([
      `"${branch}" is not a valid git branch name`,
    ]);
  });

  test.each(["main", "release/1.2", "feature-x", "a.lock.b", "v1@2", "x-", "lock"])("branch %j is accepted", (branch) => {
    expect(checkInputs(sessionSchema, withRepo({ checkout: { branch } })).failures).toEqual([]);
  });

  test("branch length and emptiness", () => {
    expect(reasons(withRepo({ checkout: { branch: "" } }), "repositories[0].checkout.branch")).toEqual(["must not be empty"]);
    expect(reasons(withRepo({ checkout: { branch: "b".repeat(255) } }), "repositories[0].checkout.branch")).toEqual([]);
    expect(reasons(withRepo({ checkout: { branch: "b".repeat(256) } }), "repositories[0].checkout.branch")).toEqual([
      "must be at most 255 characters",
    ]);
  });

  test("commits are full lowercase SHA-1 or SHA-256", () => {
    expect(reasons(withRepo({ checkout: { commit: "a".repeat(64) } }), "repositories[0].checkout.commit")).toEqual([]);
    for (const commit of ["A".repeat(40), "a".repeat(41), `x${"a".repeat(40)}`, `${"a".repeat(40)}x`]) {
      expect(reasons(withRepo({ checkout: { commit } }), "repositories[0].checkout.commit")).toEqual([
        "must be a full lowercase 40-character commit SHA",
      ]);
    }
  });

  test("what a wrong checkout is told", () => {
    expect(reasons(withRepo({ checkout: {} }), "repositories[0].checkout")).toEqual([
      'must set exactly one of branch or commit, e.g. { branch: "main" }',
    ]);
    expect(reasons(withRepo({ checkout: "main" }), "repositories[0].checkout")).toEqual([
      'must be { branch: "<name>" } or { commit: "<sha>" }',
    ]);
    expect(reasons(withRepo({ checkout: { tag: "v1" } }), "repositories[0].checkout")).toContain(
      'has unknown field(s) "tag"; expected branch, commit',
    );
  });
});

describe("tokens, metadata, title and the rest", () => {
  test("token", () => {
    expect(reasons(withRepo({ authorizationToken: "t".repeat(4096) }), "repositories[0].authorizationToken")).toEqual([]);
    expect(reasons(withRepo({ authorizationToken: "a b" }), "repositories[0].authorizationToken")).toEqual([
      "must not contain whitespace (a trailing newline from a file or pipe is a common cause)",
    ]);
    expect(reasons(withRepo({ authorizationToken: 5 }), "repositories[0].authorizationToken")).toEqual(["must be a string GitHub token"]);
    expect(reasons(withRepo({ authorizationToken: "" }), "repositories[0].authorizationToken")).toEqual([
      "must not be empty: set a GitHub token (for example from secret config)",
    ]);
  });

  test("metadata limits are inclusive", () => {
    const fifteen = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, "v"]));
    expect(reasons({ ...valid, metadata: fifteen }, "metadata")).toEqual([]);
    expect(reasons({ ...valid, metadata: { ["k".repeat(64)]: "v".repeat(512) } }, `metadata.${"k".repeat(64)}`)).toEqual([]);
    expect(reasons({ ...valid, metadata: "team=x" }, "metadata")).toEqual(["must be a map of string keys to string values"]);
    expect(reasons({ ...valid, metadata: { k: "v".repeat(513) } }, "metadata.k")).toEqual([
      "metadata values must be at most 512 characters",
    ]);
    expect(reasons({ ...valid, metadata: { ["k".repeat(65)]: "v" } }, `metadata.${"k".repeat(65)}`)).toEqual([
      "metadata keys must be at most 64 characters",
    ]);
    expect(reasons({ ...valid, metadata: { "": "v" } }, 'metadata[""]')).toEqual(["metadata keys must not be empty"]);
    expect(reasons({ ...valid, metadata: { k: 5 } }, "metadata.k")).toEqual(["metadata values must be strings"]);
    expect(reasons({ ...valid, metadata: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v"])) }, "metadata")).toEqual([
      "must have at most 15 entries (a 16th holds the provider's create marker)",
    ]);
  });

  test("other messages", () => {
    expect(reasons({ ...valid, title: 5 }, "title")).toEqual(["must be a string"]);
    expect(reasons({ ...valid, deletionMode: "destroy" }, "deletionMode")).toEqual(['must be "archive" or "delete"']);
    expect(reasons({ ...valid, repositories: "x" }, "repositories")).toEqual(["must be a list of repositories"]);
    expect(reasons(withRepo({ url: 5 }), "repositories[0].url")).toEqual(["must be a string URL"]);
    expect(reasons(withRepo({ mountPath: 5 }), "repositories[0].mountPath")).toEqual(["must be a string path"]);
    expect(reasons({ ...valid, repositories: ["x"] }, "repositories[0]")).toEqual([
      'must be an object: { url, mountPath?, authorizationToken, checkout? } for GitHub, or { type: "git", url, mountPath?, password, checkout? }',
    ]);
    expect(reasons({ ...valid, repos: [] }, "inputs")).toEqual([
      'has unknown field(s) "repos"; expected agent, environmentId, title, metadata, repositories, vaultIds, memoryStoreIds, deletionMode, adoptSessionId',
    ]);
  });
});

describe("mounts must be unique and must not nest", () => {
  test("a repeated mount path names the first entry and the path", () => {
    const second = { ...repo, url: "https://github.com/acme/other" };
    expect(reasons({ ...valid, repositories: [repo, second] }, "repositories[1].mountPath")).toEqual([
      'duplicates repositories[0]: each repository needs its own mount path, "/app/backend" is used twice',
    ]);
  });

  test("a nested mount names the enclosing entry, even when the duplicate comes later", () => {
    const inner = { ...repo, url: "https://github.com/acme/lib", mountPath: "/app/backend/lib" };
    const again = { ...repo, url: "https://github.com/acme/again" };
    expect(reasons({ ...valid, repositories: [inner, repo, again] }, "repositories[0].mountPath")).toEqual([
      '"/app/backend/lib" lies inside repositories[1].mountPath "/app/backend"; mounts must not nest',
    ]);
  });

  test("sibling paths that share a prefix do not nest", () => {
    const sibling = { ...repo, url: "https://github.com/acme/lib", mountPath: "/app/backend-lib" };
    expect(checkInputs(sessionSchema, { ...valid, repositories: [repo, sibling] }).failures).toEqual([]);
  });
});
