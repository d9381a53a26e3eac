import type { ResourceWire, SessionWire } from "../../provider/api/wire";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import type { SessionInputs } from "../../provider/session/model";
import { adoptionMismatches, createIdentity, createSessionRequest, diffSession, sessionPatch } from "../../provider/session/planner";
import type { SessionState } from "../../provider/session/state";

const backend = { url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: "ghp_b" };
const web = { url: "https://github.com/acme/web", authorizationToken: "ghp_w", checkout: { commit: "c".repeat(40) } };

const full: SessionInputs = {
  agent: { id: "agent_1", version: 2 },
  environmentId: "env_1",
  title: "Fix",
  metadata: { team: "x" },
  repositories: [{ ...backend, checkout: { branch: "main" } }, web],
  vaultIds: ["vault_1"],
  memoryStoreIds: ["memstore_1"],
  deletionMode: "delete",
  adoptSessionId: "sess_9",
};

describe("the create request", () => {
  test("every input in its wire form; settings of the provider are not sent", () => {
    expect(createSessionRequest(full)).toEqual({
      agent: { type: "agent", id: "agent_1", version: 2 },
      environment_id: "env_1",
      title: "Fix",
      metadata: { team: "x" },
      resources: [
        {
          type: "github_repository",
          url: backend.url,
          mount_path: "/app/backend",
          authorization_token: "ghp_b",
          checkout: { type: "branch", name: "main" },
        },
        { type: "github_repository", url: web.url, authorization_token: "ghp_w", checkout: { type: "commit", sha: "c".repeat(40) } },
        { type: "memory_store", memory_store_id: "memstore_1" },
      ],
      vault_ids: ["vault_1"],
    });
  });

  test("an unpinned agent is sent as its id; empty id lists and absent fields are left out", () => {
    const body = createSessionRequest({
      agent: { id: "agent_1" },
      environmentId: "env_1",
      repositories: [backend],
      vaultIds: [],
      memoryStoreIds: [],
    });
    expect(body).toEqual({
      agent: "agent_1",
      environment_id: "env_1",
      resources: [{ type: "github_repository", url: backend.url, mount_path: "/app/backend", authorization_token: "ghp_b" }],
    });
  });

  test("an empty repository list is still sent", () => {
    expect(createSessionRequest({ agent: "agent_1", environmentId: "env_1", repositories: [] }).resources).toEqual([]);
  });

  test("the identity of a create holds what cannot change in place, and no token, title or metadata", () => {
    expect(createIdentity(full)).toEqual({
      agent: { type: "agent", id: "agent_1", version: 2 },
      environment_id: "env_1",
      resources: [
        { type: "github_repository", url: backend.url, mount_path: "/app/backend", checkout: { type: "branch", name: "main" } },
        { type: "github_repository", url: web.url, checkout: { type: "commit", sha: "c".repeat(40) } },
        { type: "memory_store", memory_store_id: "memstore_1" },
      ],
      vault_ids: ["vault_1"],
    });
  });
});

describe("the update patch", () => {
  test("nothing changed: no patch", () => {
    expect(sessionPatch({ title: "t", metadata: { a: "1" } }, { title: "t", metadata: { a: "1" } })).toBeUndefined();
    expect(sessionPatch({}, { title: "" })).toBeUndefined();
  });

  test("only what changed is sent", () => {
    expect(sessionPatch({ title: "t", metadata: { a: "1", b: "2" } }, { title: "t", metadata: { a: "1", b: "3" } })).toEqual({
      metadata: { b: "3" },
    });
    expect(sessionPatch({ metadata: { a: "1" } }, {})).toEqual({ metadata: { a: null } });
    expect(sessionPatch({}, { metadata: { a: "1" }, title: "new" })).toEqual({ title: "new", metadata: { a: "1" } });
  });
});

describe("diff", () => {
  const state: SessionState = {
    agent: "agent_1",
    environmentId: "env_1",
    title: "t",
    repositories: [
      { ...backend, resourceId: "sesr_b" },
      { url: web.url, authorizationToken: "ghp_w" },
    ],
    mounts: [],
    sessionId: "sess_1",
    status: "idle",
    createdAt: "2026-01-01T00:00:00Z",
    archivedAt: null,
  };
  const news = (patch: Partial<SessionInputs>): SessionInputs => ({
    agent: "agent_1",
    environmentId: "env_1",
    title: "t",
    repositories: [backend, { url: web.url, authorizationToken: "ghp_w" }],
    ...patch,
  });

  test("a whole repository list unknown during preview shows a replacement", () => {
    const diff = diffSession(state, news({ repositories: UNKNOWN as never }));
    expect(diff).toMatchObject({ changes: true, replaces: ["repositories"], rotations: [] });
  });

  test("one repository unknown during preview shows a replacement", () => {
    const diff = diffSession(state, news({ repositories: [backend, UNKNOWN as never] }));
    expect(diff.replaces).toEqual(["repositories"]);
  });

  test("a title unknown during preview is a change with no patch computed yet", () => {
    const diff = diffSession(state, news({ title: UNKNOWN }));
    expect(diff).toEqual({ changes: true, replaces: [], rotations: [], patch: undefined, inPlace: ["title"] });
  });

  test("a token change on a repository whose resource id is not known yet is a change without a rotation", () => {
    const diff = diffSession(state, news({ repositories: [backend, { url: web.url, authorizationToken: "ghp_w2" }] }));
    expect(diff).toEqual({ changes: true, replaces: [], rotations: [], patch: undefined, inPlace: ["repositories"] });
  });

  test("a token unknown during preview is a change, but nothing is rotated yet", () => {
    const diff = diffSession(state, news({ repositories: [{ ...backend, authorizationToken: UNKNOWN }, web] }));
    expect(diff.rotations).toEqual([]);
  });

  test("rotations are dropped when the Session is replaced anyway", () => {
    const diff = diffSession(state, news({ environmentId: "env_2", repositories: [{ ...backend, authorizationToken: "ghp_b2" }, web] }));
    expect(diff.replaces).toEqual(["environmentId", "repositories"]);
    expect(diff.rotations).toEqual([]);
  });

  test("a token change next to a replaced repository rotates nothing", () => {
    const diff = diffSession(
      state,
      news({
        repositories: [
          { ...backend, authorizationToken: "ghp_b2" },
          { ...web, url: "https://github.com/acme/web2" },
        ],
      }),
    );
    expect(diff.replaces).toEqual(["repositories"]);
    expect(diff.rotations).toEqual([]);
  });

  test("same repository keys but a changed checkout replaces; the title alone is patched", () => {
    expect(diffSession(state, news({ title: "u" }))).toEqual({
      changes: true,
      replaces: [],
      rotations: [],
      patch: { title: "u" },
      inPlace: ["title"],
    });
  });

  test("a removed and an added repository with the same count replace", () => {
    const diff = diffSession(
      state,
      news({ repositories: [backend, { url: "https://github.com/acme/other", authorizationToken: "ghp_w" }] }),
    );
    expect(diff.replaces).toEqual(["repositories"]);
  });

  test("vaults and memory stores compare as sets: order and absent versus empty do not matter", () => {
    const withVaults = { ...state, vaultIds: ["vault_1", "vault_2"], memoryStoreIds: [] };
    expect(diffSession(withVaults, news({ vaultIds: ["vault_2", "vault_1"] })).changes).toBe(false);
    expect(diffSession(withVaults, news({ vaultIds: ["vault_2"] })).replaces).toEqual(["vaultIds"]);
  });

  test("deletion mode: absent is archive", () => {
    expect(diffSession(state, news({ deletionMode: "archive" })).changes).toBe(false);
    expect(diffSession({ ...state, deletionMode: "delete" }, news({})).changes).toBe(true);
  });

  test("an empty title is the same as none", () => {
    expect(diffSession(state, news({ title: "" })).changes).toBe(true);
    expect(diffSession({ ...state, title: undefined }, news({ title: "" })).changes).toBe(false);
  });

  test("an agent pinned to the same version is the same agent; another version replaces", () => {
    const pinned = { ...state, agent: { id: "agent_1", version: 2 } };
    expect(diffSession(pinned, news({ agent: { id: "agent_1", version: 2 } })).changes).toBe(false);
    expect(diffSession(pinned, news({ agent: { id: "agent_1", version: 3 } })).replaces).toEqual(["agent"]);
    expect(diffSession(pinned, news({ agent: "agent_1" })).replaces).toEqual(["agent"]);
  });

  test("a checkout compares by branch or commit", () => {
    const onMain = { ...state, repositories: [{ ...backend, resourceId: "sesr_b", checkout: { branch: "main" } }, state.repositories[1]] };
    expect(diffSession(onMain, news({ repositories: [{ ...backend, checkout: { branch: "main" } }, state.repositories[1]] })).changes).toBe(
      false,
    );
    expect(
      diffSession(onMain, news({ repositories: [{ ...backend, checkout: { commit: "a".repeat(40) } }, state.repositories[1]] })).replaces,
    ).toEqual(["repositories"]);
  });
});

describe("adoption mismatches, as the user reads them", () => {
  const inputs: SessionInputs = {
    agent: { id: "agent_1", version: 2 },
    environmentId: "env_1",
    repositories: [
      { ...backend, checkout: { branch: "main" } },
      { url: web.url, authorizationToken: "ghp_w" },
    ],
    vaultIds: ["vault_1"],
    memoryStoreIds: ["memstore_1"],
  };
  const mounted = (extra: Partial<ResourceWire> = {}): ResourceWire[] => [
    {
      id: "sesr_b",
      type: "github_repository",
      url: backend.url,
      mount_path: "/app/backend",
      checkout: { type: "branch", name: "main" },
      ...extra,
    },
    { id: "sesr_w", type: "github_repository", url: web.url, mount_path: "/workspace/web" },
    { type: "memory_store", memory_store_id: "memstore_1" },
  ];
  const session = (extra: Partial<SessionWire> = {}): SessionWire => ({
    id: "sess_1",
    agent: { id: "agent_1", version: 2 },
    environment_id: "env_1",
    status: "idle",
    resources: [],
    vault_ids: ["vault_1"],
    memory_store_ids: [],
    created_at: "2026-01-01T00:00:00Z",
    ...extra,
  });

  test("a matching Session has none; memory stores may be listed either way", () => {
    expect(adoptionMismatches(inputs, session(), mounted())).toEqual([]);
    const older = mounted().filter((resource) => resource.type !== "memory_store");
    expect(adoptionMismatches(inputs, session({ memory_store_ids: ["memstore_1"] }), older)).toEqual([]);
  });

  test("an agent given by id only matches whatever version the Session runs", () => {
    expect(adoptionMismatches({ ...inputs, agent: "agent_1" }, session({ agent: null, agent_id: "agent_1" }), mounted())).toEqual([]);
  });

  test("each difference is named", () => {
    const problems = adoptionMismatches(
      inputs,
      session({
        archived_at: "2026-02-01T00:00:00Z",
        agent: { id: "agent_1", version: 1 },
        environment_id: "env_2",
        vault_ids: [],
      }),
      mounted({ checkout: { type: "branch", name: "dev" } }).filter((resource) => resource.type !== "memory_store"),
    );
    expect(problems).toEqual([
      "it was archived at 2026-02-01T00:00:00Z",
      "its agent is agent_1 version 1, not agent_1 version 2",
      "its environment is env_2, not env_1",
      "its vaults are [], not [vault_1]",
      "its memory stores are [], not [memstore_1]",
      '/app/backend has checkout {"branch":"dev"}, not {"branch":"main"}',
    ]);
  });

  test("lists the inputs leave out are named as empty", () => {
    const { vaultIds: _v, memoryStoreIds: _m, ...bare } = inputs;
    expect(adoptionMismatches(bare, session(), mounted())).toEqual([
      "its vaults are [vault_1], not []",
      "its memory stores are [memstore_1], not []",
    ]);
  });

  test("an agent with no id at all is named as blank", () => {
    expect(adoptionMismatches({ ...inputs, agent: "agent_1" }, session({ agent: null }), mounted())).toEqual([
      "its agent is , not agent_1",
    ]);
  });

  test("a repository not mounted is named with its mount path when it has one", () => {
    const resources = mounted().filter((resource) => resource.id !== "sesr_b" && resource.id !== "sesr_w");
    expect(adoptionMismatches(inputs, session(), resources)).toEqual([
      "it does not mount https://github.com/acme/backend at /app/backend",
      "it does not mount https://github.com/acme/web",
    ]);
  });

  test("a checkout the inputs leave out takes whatever the Session has", () => {
    const resources = mounted({ checkout: { type: "commit", sha: "d".repeat(40) } });
    const loose = { ...inputs, repositories: [backend, inputs.repositories[1]] };
    expect(adoptionMismatches(loose, session(), resources)).toEqual([]);
  });

  test("resources other than repositories and memory stores are neither declared nor extra", () => {
    expect(adoptionMismatches(inputs, session(), [...mounted(), { id: "file_1", type: "file" }])).toEqual([]);
  });
});
