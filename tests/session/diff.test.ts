import { UNKNOWN } from "../../provider/dynamic/unknown";
import type { SessionInputs } from "../../provider/session/model";
import { diffSession } from "../../provider/session/planner";
import type { SessionState } from "../../provider/session/state";

const backend = { url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: "tok-b1" };
const frontend = { url: "https://github.com/acme/frontend", mountPath: "/app/frontend", authorizationToken: "tok-f1" };
const inputs: SessionInputs = {
  agent: "agent_1",
  environmentId: "env_1",
  title: "t",
  metadata: { a: "1" },
  repositories: [backend, frontend],
};
const olds: SessionState = {
  ...inputs,
  repositories: [
    { ...backend, resourceId: "sesr_b" },
    { ...frontend, resourceId: "sesr_f" },
  ],
  mounts: [],
  sessionId: "sess_1",
  status: "idle",
  createdAt: "2026-01-01T00:00:00.000000Z",
  archivedAt: null,
};
const change = (patch: Partial<SessionInputs>) => diffSession(olds, { ...inputs, ...patch });

describe("diff: what replaces the Session", () => {
  test.each<[string, Partial<SessionInputs>, string]>([
    ["agent id", { agent: "agent_2" }, "agent"],
    ["agent version pinned", { agent: { id: "agent_1", version: 3 } }, "agent"],
    ["environment", { environmentId: "env_2" }, "environmentId"],
    ["vaults", { vaultIds: ["vault_1"] }, "vaultIds"],
    ["memory stores", { memoryStoreIds: ["memstore_1"] }, "memoryStoreIds"],
    ["a repository url", { repositories: [{ ...backend, url: "https://github.com/acme/backend2" }, frontend] }, "repositories"],
    ["a mount path", { repositories: [{ ...backend, mountPath: "/srv/backend" }, frontend] }, "repositories"],
    ["a checkout", { repositories: [{ ...backend, checkout: { branch: "dev" } }, frontend] }, "repositories"],
    [
      "an added repository",
      { repositories: [backend, frontend, { ...backend, mountPath: "/app/x", url: "https://github.com/acme/x" }] },
      "repositories",
    ],
    ["a removed repository", { repositories: [backend] }, "repositories"],
    ["an unknown url during preview", { repositories: [{ ...backend, url: UNKNOWN }, frontend] }, "repositories"],
  ])("%s", (_name, patch, property) => {
    const diff = change(patch);
    expect(diff.replaces).toEqual([property]);
    expect(diff.changes).toBe(true);
    expect(diff.rotations).toEqual([]);
  });
});

describe("diff: what changes in place", () => {
  test("nothing changed → no changes", () => {
    expect(change({})).toEqual({ changes: false, replaces: [], rotations: [], patch: undefined, inPlace: [] });
  });

  test("reordering repositories changes nothing", () => {
    expect(change({ repositories: [frontend, backend] }).changes).toBe(false);
  });

  test("agent string and unpinned object are the same agent", () => {
    expect(change({ agent: { id: "agent_1" } }).changes).toBe(false);
  });

  test("a token change rotates only that repository", () => {
    const diff = change({ repositories: [frontend, { ...backend, authorizationToken: "tok-b2" }] });
    expect(diff.replaces).toEqual([]);
    expect(diff.changes).toBe(true);
    expect(diff.rotations).toEqual([
      { resourceId: "sesr_b", repositoryKey: "/app/backend", credential: { authorization_token: "tok-b2" } },
    ]);
  });

  test("title and metadata become a merge patch with removed keys as null", () => {
    const diff = change({ title: "new", metadata: { b: "2" } });
    expect(diff.replaces).toEqual([]);
    expect(diff.patch).toEqual({ title: "new", metadata: { b: "2", a: null } });
  });

  test("removing the title clears it", () => {
    expect(change({ title: undefined }).patch).toEqual({ title: null });
  });

  test("an unknown token during preview is an update, not a replace", () => {
    const diff = change({ repositories: [{ ...backend, authorizationToken: UNKNOWN }, frontend] });
    expect(diff.replaces).toEqual([]);
    expect(diff.changes).toBe(true);
  });

  test("deletion mode change is recorded without replacing", () => {
    const diff = change({ deletionMode: "delete" });
    expect(diff).toEqual({ changes: true, replaces: [], rotations: [], patch: undefined, inPlace: [] });
  });
});

describe("diff: a replacement rotates nothing", () => {
  test("a token change together with an agent change is part of the replacement, not a rotation", () => {
    const diff = change({ agent: "agent_2", repositories: [{ ...backend, authorizationToken: "tok-b2" }, frontend] });
    expect(diff.replaces).toEqual(["agent"]);
    expect(diff.rotations).toEqual([]);
    expect(diff.changes).toBe(true);
  });
});
