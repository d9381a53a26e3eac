import type { ResourceWire, SessionWire } from "../../provider/api/wire";
import { checkInputs } from "../../provider/dynamic/properties";
import { fingerprint, slowFingerprint } from "../../provider/dynamic/secret-split";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { gitUrlProblem } from "../../provider/session/git-url";
import { matchRepositories } from "../../provider/session/match";
import { type SessionInputs, sessionSchema } from "../../provider/session/model";
import { adoptionMismatches, createIdentity, createSessionRequest, diffSession } from "../../provider/session/planner";
import { SessionProvider } from "../../provider/session/provider";
import type { GitRepositoryInput, RepositoryInput } from "../../provider/session/repository-model";
import { refreshedState, type SessionState, sessionState, updatedState } from "../../provider/session/state";
import { BACKEND_TOKEN, backend, inputs as githubInputs, providerAgainstEmulator, QODER_TOKEN } from "./against-emulator";
import { EMBEDDED_SECRET, gitRepo, repo, valid, withGitRepo, withRepo } from "./invalid-inputs";

/** The reasons `check` gives for `property`, or [] when it passes. */
function reasons(inputs: Record<string, unknown>, property: string): string[] {
  return checkInputs(sessionSchema, inputs)
    .failures.filter((failure) => failure.property === property)
    .map((failure) => failure.reason);
}

const expected = "expected https://<user>@<host>/<path>, e.g. https://deploy@git.example.com/team/repo.git";

describe("a Git repository's url: the whole message a user sees", () => {
  test.each([
    ["", `must not be empty; ${expected}`],
    [
      "https://git.example.com/team/lib.git",
      "must embed the username, as in https://<user>@git.example.com/team/lib.git; the password goes in password",
    ],
    ["http://deploy@git.example.com/team/lib.git", `must use https, not http; ${expected}`],
    ["ssh://git@git.example.com/team/lib.git", `must use https, not ssh; ${expected}`],
    ["git@git.example.com:team/lib.git", `is an SSH address; the API clones over HTTPS: ${expected}`],
    ["deploy@git.example.com/team/lib.git", `is not a URL; ${expected}`],
    ["https://deploy@git.example.com/lib.git?ref=main", `must not have a query or fragment; ${expected}`],
    ["https://deploy@git.example.com/lib.git#main", `must not have a query or fragment; ${expected}`],
    ["https://deploy@git.example.com/lib.git?", `must not have a query or fragment; ${expected}`],
    ["https://deploy@git.example.com", `must name a repository path after the host; ${expected}`],
    ["https:///team/lib.git", `must name a host; ${expected}`],
    ["https://a@b@git.example.com/lib.git", 'must not have "@" in the username unencoded; write it as %40'],
    [" https://deploy@git.example.com/lib.git", "must not contain whitespace or control characters"],
  ])("%j: %s", (url, message) => {
    expect(gitUrlProblem(url)).toBe(message);
  });

  test("a url of 2048 characters passes, 2049 is refused", () => {
    const base = "https://deploy@git.example.com/";
    expect(gitUrlProblem(`${base}${"r".repeat(2048 - base.length)}`)).toBeUndefined();
    expect(gitUrlProblem(`${base}${"r".repeat(2049 - base.length)}`)).toBe("must be at most 2048 characters");
  });

  test.each([
    `https://deploy:${EMBEDDED_SECRET}@git.example.com/team/lib.git`,
    "https://deploy:@git.example.com/team/lib.git",
    `https://:${EMBEDDED_SECRET}@git.example.com/team/lib.git`,
    `http://deploy:${EMBEDDED_SECRET}@git.example.com/team/lib.git`,
    `deploy:${EMBEDDED_SECRET}@git.example.com/lib.git`,
  ])("%j: refused as embedding a password, first and without repeating it", (url) => {
    expect(gitUrlProblem(url)).toBe(
      "must not embed a password; keep only the username in the URL (https://<user>@<host>/<path>) and put the password in password",
    );
  });

  test.each([
    "https://deploy:12/34@git.example.com/lib.git",
    "https://deploy:12#34@git.example.com/lib.git",
    "https://deploy:12?34@git.example.com/lib.git",
  ])("%j: a password holding / # or ? is not read as a host, port or path, and nothing of it is repeated", (url) => {
    const message = gitUrlProblem(url) ?? "";
    expect(message).not.toBe("");
    expect(message).not.toMatch(/12|34/);
  });

  test.each([
    "https://deploy@git.example.com/team/lib.git",
    "https://x-access-token@github.com/acme/backend.git",
    "https://deploy@git.example.com:8443/scm/team/lib",
    "https://me%40corp@git.example.com/lib",
    "https://deploy@10.0.0.7/lib.git",
  ])("%s is accepted", (url) => {
    expect(gitUrlProblem(url)).toBeUndefined();
  });

  test("check names the entry's url, and no reason for any property repeats an embedded password", () => {
    const inputs = withGitRepo({ url: `https://deploy:${EMBEDDED_SECRET}@git.example.com/lib.git` });
    const { failures } = checkInputs(sessionSchema, inputs);
    expect(failures.map((failure) => failure.property)).toEqual(["repositories[1].url"]);
    expect(JSON.stringify(failures)).not.toContain(EMBEDDED_SECRET);
  });
});

describe("a Git repository's password and the entry's kind", () => {
  test("password messages say what is wrong and never repeat the password", () => {
    const newline =
      "must not start or end with whitespace or a line break: the API keeps it as sent, as part of the password " +
      "(a trailing newline from a file or pipe is the usual cause)";
    expect(reasons(withGitRepo({ password: "s3cr3t-pass\n" }), "repositories[1].password")).toEqual([newline]);
    expect(reasons(withGitRepo({ password: "s3cr3t-pass\r\n" }), "repositories[1].password")).toEqual([newline]);
    expect(reasons(withGitRepo({ password: "\ts3cr3t-pass" }), "repositories[1].password")).toEqual([newline]);
    expect(reasons(withGitRepo({ password: "s3cr3t\npass" }), "repositories[1].password")).toEqual(["must not contain a line break"]);
    expect(reasons(withGitRepo({ password: "" }), "repositories[1].password")).toEqual([
      "must not be empty: set the Git password or access token (for example from secret config)",
    ]);
    expect(reasons(withGitRepo({ password: undefined }), "repositories[1].password")).toEqual([
      "must be set for a Git repository: its password or access token (for example from secret config)",
    ]);
    expect(reasons(withGitRepo({ password: 42 }), "repositories[1].password")).toEqual([
      "must be a string: the Git password or access token",
    ]);
    expect(reasons(withGitRepo({ password: "p".repeat(4096) }), "repositories[1].password")).toEqual([]);
    expect(reasons(withGitRepo({ password: "inner spaces are kept" }), "repositories[1].password")).toEqual([]);
  });

  test("a credential of the other kind is refused at its own path, saying which one the entry takes", () => {
    expect(reasons(withGitRepo({ authorizationToken: "ghp_x" }), "repositories[1].authorizationToken")).toEqual([
      'is for GitHub repositories; a Git repository (type: "git") takes password',
    ]);
    expect(reasons(withRepo({ password: "s3cr3t-pass" }), "repositories[0].password")).toEqual([
      'is for Git repositories: set type: "git" on this entry, or give a GitHub repository its authorizationToken instead',
    ]);
  });

  test("a Git entry declared without its type: told to set it, not only that the host is wrong", () => {
    const { type: _type, ...untyped } = gitRepo;
    const failures = checkInputs(sessionSchema, { ...valid, repositories: [untyped] }).failures;
    expect(failures).toEqual(
      expect.arrayContaining([
        {
          property: "repositories[0].url",
          reason:
            'must not embed credentials; put the token in authorizationToken (or, for a Git repository with the username in its URL, set type: "git")',
        },
        {
          property: "repositories[0].password",
          reason: 'is for Git repositories: set type: "git" on this entry, or give a GitHub repository its authorizationToken instead',
        },
      ]),
    );
  });

  test("an unknown type names the allowed values and what was given", () => {
    expect(reasons(withGitRepo({ type: "gitlab" }), "repositories[1].type")).toEqual([
      'must be "github" (the default when type is left out) or "git", not "gitlab"',
    ]);
    expect(reasons(withGitRepo({ type: 7 }), "repositories[1].type")).toEqual([
      'must be "github" (the default when type is left out) or "git"',
    ]);
  });

  test("unknown fields of a Git entry name the fields it expects", () => {
    expect(reasons(withGitRepo({ token: "x" }), "repositories[1]")).toEqual([
      'has unknown field(s) "token"; expected type, url, mountPath, password, checkout',
    ]);
  });

  test("mount paths are one namespace across kinds: no repeat, no nesting", () => {
    expect(reasons(withGitRepo({ mountPath: "/app/backend" }), "repositories[1].mountPath")).toEqual([
      'duplicates repositories[0]: each repository needs its own mount path, "/app/backend" is used twice',
    ]);
    expect(reasons(withGitRepo({ mountPath: "/app/backend/vendor" }), "repositories[1].mountPath")).toEqual([
      '"/app/backend/vendor" lies inside repositories[0].mountPath "/app/backend"; mounts must not nest',
    ]);
    expect(checkInputs(sessionSchema, withGitRepo({ mountPath: "/app/backend-lib" })).failures).toEqual([]);
  });

  test("check keeps a declared type and adds none to a GitHub entry", () => {
    expect(checkInputs(sessionSchema, withGitRepo({})).inputs?.repositories).toEqual([repo, gitRepo]);
  });
});

const git: GitRepositoryInput = {
  type: "git",
  url: "https://deploy@git.example.com/team/lib.git",
  mountPath: "/app/lib",
  password: "correct horse 7",
};
const mixed: SessionInputs = { ...githubInputs, repositories: [backend, git] };

describe("planner: a GitHub and a Git repository", () => {
  test("the create request sends the Git entry as git_repository with its password", () => {
    expect(createSessionRequest({ ...mixed, repositories: [backend, { ...git, checkout: { branch: "main" } }] }).resources).toEqual([
      { type: "github_repository", url: backend.url, mount_path: "/app/backend", authorization_token: BACKEND_TOKEN },
      {
        type: "git_repository",
        url: git.url,
        mount_path: "/app/lib",
        password: "correct horse 7",
        checkout: { type: "branch", name: "main" },
      },
    ]);
  });

  test("a GitHub entry declared with type github is the same request as one without", () => {
    const typed = createSessionRequest({ ...githubInputs, repositories: [{ ...backend, type: "github" }] });
    expect(typed).toEqual(createSessionRequest({ ...githubInputs, repositories: [backend] }));
  });

  test("the create identity names the kind and never the password", () => {
    const identity = createIdentity(mixed) as { resources: unknown[] };
    expect(identity.resources).toEqual([
      { type: "github_repository", url: backend.url, mount_path: "/app/backend" },
      { type: "git_repository", url: git.url, mount_path: "/app/lib" },
    ]);
    expect(createIdentity({ ...mixed, repositories: [backend, { ...git, password: "another one" }] })).toEqual(identity);
    expect(JSON.stringify(identity)).not.toContain("horse");
  });

  const state: SessionState = {
    ...mixed,
    repositories: [
      { ...backend, resourceId: "sesr_b" },
      { ...git, resourceId: "sesr_g" },
    ],
    mounts: [],
    sessionId: "sess_1",
    status: "idle",
    createdAt: "2026-01-01T00:00:00Z",
    archivedAt: null,
  };

  test("a password change rotates that repository in place with { password } only", () => {
    const diff = diffSession(state, { ...mixed, repositories: [backend, { ...git, password: "battery staple 8" }] });
    expect(diff).toEqual({
      changes: true,
      replaces: [],
      rotations: [{ resourceId: "sesr_g", repositoryKey: "/app/lib", credential: { password: "battery staple 8" } }],
      patch: undefined,
      inPlace: ["repositories"],
    });
  });

  test("a password unknown during preview is a change, with nothing rotated yet", () => {
    const diff = diffSession(state, { ...mixed, repositories: [backend, { ...git, password: UNKNOWN }] });
    expect(diff).toMatchObject({ changes: true, replaces: [], rotations: [] });
  });

  test.each<[string, Partial<GitRepositoryInput>]>([
    ["url", { url: "https://deploy@git.example.com/team/lib2.git" }],
    ["mountPath", { mountPath: "/srv/lib" }],
    ["checkout", { checkout: { commit: "a".repeat(40) } }],
  ])("a change of the Git repository's %s replaces the Session and rotates nothing", (_name, patch) => {
    const diff = diffSession(state, { ...mixed, repositories: [backend, { ...git, ...patch, password: "battery staple 8" }] });
    expect(diff.replaces).toEqual(["repositories"]);
    expect(diff.rotations).toEqual([]);
  });

  test("a repository that changes kind at the same mount path replaces the Session", () => {
    const asGithub = { url: "https://github.com/team/lib", mountPath: "/app/lib", authorizationToken: "ghp_lib" };
    expect(diffSession(state, { ...mixed, repositories: [backend, asGithub] }).replaces).toEqual(["repositories"]);
  });

  test("reordering the two kinds, or spelling out type github, changes nothing", () => {
    expect(diffSession(state, { ...mixed, repositories: [git, backend] }).changes).toBe(false);
    expect(diffSession(state, { ...mixed, repositories: [{ ...backend, type: "github" }, git] }).changes).toBe(false);
  });

  test("an unconfirmed password is rotated even when the declared one did not change", () => {
    const unconfirmed = { ...state, repositories: [state.repositories[0], { ...state.repositories[1], tokenUnconfirmed: true as const }] };
    expect(diffSession(unconfirmed, mixed).rotations).toEqual([
      { resourceId: "sesr_g", repositoryKey: "/app/lib", credential: { password: "correct horse 7" } },
    ]);
  });

  test("after a failed rotation, a Git repository not rotated keeps the password the API still holds", () => {
    const news = {
      ...mixed,
      repositories: [
        { ...backend, authorizationToken: "ghp_new" },
        { ...git, password: "battery staple 8" },
      ],
    };
    const next = updatedState(state, news, new Set(["/app/backend"]), state);
    expect(next.repositories).toEqual([
      { ...backend, authorizationToken: "ghp_new", resourceId: "sesr_b" },
      { ...git, resourceId: "sesr_g" },
    ]);
  });
});

describe("reading back git_repository resources", () => {
  const resources: ResourceWire[] = [
    { id: "sesr_g", type: "git_repository", url: git.url, mount_path: "/app/lib", checkout: { type: "branch", name: "main" } },
    { id: "sesr_b", type: "github_repository", url: backend.url, mount_path: "/app/backend" },
    { id: "sesr_f", type: "file", mount_path: "/mnt/session/uploads/file_1" },
  ];
  const session: SessionWire = {
    id: "sess_1",
    agent: { id: "agent_019e390add9f", version: 1 },
    environment_id: githubInputs.environmentId,
    status: "idle",
    title: githubInputs.title,
    metadata: githubInputs.metadata,
    resources,
    vault_ids: [],
    memory_store_ids: [],
    created_at: "2026-01-01T00:00:00Z",
  };

  test("matching pairs a Git entry only with a git_repository resource", () => {
    const asGithub: RepositoryInput = { url: git.url, mountPath: "/app/lib", authorizationToken: "ghp_x" };
    expect(matchRepositories([asGithub], resources).unmatched).toEqual([asGithub]);
    expect(matchRepositories([git], resources).matched.get(git)?.id).toBe("sesr_g");
  });

  test("state records the resource id, and the mount says it is a Git repository", () => {
    const state = sessionState(mixed, session, resources);
    expect(state.repositories.map((entry) => entry.resourceId)).toEqual(["sesr_b", "sesr_g"]);
    expect(state.mounts).toEqual([
      { url: backend.url, mountPath: "/app/backend", checkout: null, resourceId: "sesr_b" },
      { type: "git", url: git.url, mountPath: "/app/lib", checkout: { branch: "main" }, resourceId: "sesr_g" },
    ]);
  });

  test("a refresh keeps a mounted Git repository and drops one removed behind Pulumi's back", () => {
    const stored = sessionState(mixed, session, resources);
    expect(refreshedState(stored, session, resources)).toEqual(stored);
    const without = resources.filter((resource) => resource.id !== "sesr_g");
    expect(refreshedState(stored, session, without).repositories.map((entry) => entry.resourceId)).toEqual(["sesr_b"]);
  });

  test("adoption accepts a Session that mounts the Git repository, and names one that does not", () => {
    expect(adoptionMismatches(mixed, session, resources)).toEqual([]);
    const other = resources.map((resource) => (resource.id === "sesr_g" ? { ...resource, mount_path: "/srv/lib" } : resource));
    expect(adoptionMismatches(mixed, session, other)).toEqual([
      `it does not mount ${git.url} at /app/lib`,
      `it also mounts ${git.url} at /srv/lib, which the inputs do not declare`,
    ]);
    const otherBranch = { ...mixed, repositories: [backend, { ...git, checkout: { branch: "dev" } }] };
    expect(adoptionMismatches(otherBranch, session, resources)).toEqual(['/app/lib has checkout {"branch":"main"}, not {"branch":"dev"}']);
  });
});

describe("fingerprints in stored state", () => {
  test("a password gets a slow, salted fingerprint; a GitHub token keeps its fast one", async () => {
    const provider = new SessionProvider({ apiUrl: "http://127.0.0.1:1/api/v1/cloud", token: QODER_TOKEN });
    const { inputs } = await provider.check({} as never, mixed as never);
    const stored = inputs as unknown as { repositories: Record<string, unknown>[]; repositorySecrets: unknown[] };
    expect(stored.repositories).toEqual([
      { url: backend.url, mountPath: "/app/backend", authorizationTokenFingerprint: fingerprint(BACKEND_TOKEN) },
      { type: "git", url: git.url, mountPath: "/app/lib", passwordFingerprint: slowFingerprint("password", git.password) },
    ]);
    expect(slowFingerprint("password", git.password)).not.toBe(fingerprint(git.password));
    expect(stored.repositorySecrets).toEqual([{ authorizationToken: BACKEND_TOKEN }, { password: git.password }]);
    expect(JSON.stringify(stored.repositories)).not.toContain("horse");
    await provider.close();
  });
});

describe("against the emulator", () => {
  let env: Awaited<ReturnType<typeof providerAgainstEmulator>>;
  beforeEach(async () => {
    env = await providerAgainstEmulator();
  });
  afterEach(() => env.close());

  test("create mounts the Git repository with its password; a password change rotates it alone with { password }", async () => {
    const outs = await env.create(mixed);
    const created = env.writes()[0].body as { resources: Record<string, unknown>[] };
    expect(created.resources[1]).toEqual({ type: "git_repository", url: git.url, mount_path: "/app/lib", password: git.password });
    const gitId = outs.repositories[1].resourceId!;
    const held = env.emulator.session(outs.sessionId)!.resources.find((resource) => resource.id === gitId)!;
    expect([held.type, held.credentialHistory]).toEqual(["git_repository", [git.password]]);

    env.emulator.clearRequests();
    const news = { ...mixed, repositories: [backend, { ...git, password: "battery staple 8" }] };
    expect((await env.provider.diff(outs.sessionId, outs, news)).replaces).toEqual([]);
    await env.provider.update(outs.sessionId, outs, news);
    expect(env.writes().map((request) => [`${request.method} ${request.path}`, request.body])).toEqual([
      [`POST /sessions/${outs.sessionId}/resources/${gitId}`, { password: "battery staple 8" }],
    ]);
    expect(env.emulator.session(outs.sessionId)!.resources.find((resource) => resource.id === gitId)!.credentialHistory).toEqual([
      git.password,
      "battery staple 8",
    ]);
  });

  test("adopting a Session rotates the Git password with { password } and the GitHub token with { authorization_token }", async () => {
    const seeded = env.emulator.seedSession({
      agent: { id: "agent_019e390add9f", version: 1 },
      environment_id: githubInputs.environmentId,
      resources: [
        { type: "git_repository", url: git.url, mount_path: "/app/lib", password: "old password" },
        { url: backend.url, mount_path: "/app/backend", authorization_token: "ghp_old" },
      ],
    });
    env.emulator.clearRequests();
    const outs = await env.create({ ...mixed, adoptSessionId: seeded.id });
    expect(outs.sessionId).toBe(seeded.id);
    const rotations = env.writes().filter((request) => request.path.includes("/resources/"));
    expect(rotations.map((request) => request.body)).toEqual(
      expect.arrayContaining([{ password: git.password }, { authorization_token: BACKEND_TOKEN }]),
    );
    expect(rotations).toHaveLength(2);
  });
});
