import type { ResourceWire, SessionWire } from "../../provider/api/wire";
import { createDigest, createKey, isEarlierObject } from "../../provider/dynamic/idempotency";
import {
  checkoutFromWire,
  coversRepositories,
  refreshedState,
  remoteSettings,
  type SessionState,
  sessionState,
  unconfirmedTakeover,
  updatedState,
  withResourceIds,
} from "../../provider/session/state";

const backend = { url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: "ghp_b" };
const web = { url: "https://github.com/acme/web", authorizationToken: "ghp_w" };
const inputs = { agent: "agent_1", environmentId: "env_1", repositories: [backend, web] };

const resources: ResourceWire[] = [
  {
    id: "sesr_w",
    type: "github_repository",
    url: web.url,
    mount_path: "/workspace/web",
    checkout: { type: "commit", sha: "c".repeat(40) },
  },
  { id: "sesr_b", type: "github_repository", url: backend.url, mount_path: "/app/backend" },
];
const session = (extra: Partial<SessionWire> = {}): SessionWire => ({
  id: "sess_1",
  environment_id: "env_1",
  status: "running",
  resources: [],
  vault_ids: [],
  memory_store_ids: [],
  created_at: "2026-01-01T00:00:00Z",
  ...extra,
});

describe("checkouts as the API reports them", () => {
  test.each([
    [{ type: "branch", name: "dev" }, { branch: "dev" }],
    [{ type: "commit", sha: "abc" }, { commit: "abc" }],
    [{ type: "branch", name: null }, null],
    [{ type: "branch", sha: "abc" }, null],
    [{ type: "commit", name: "dev" }, null],
    [{ type: "tag", name: "v1" }, null],
    [null, null],
    [undefined, null],
  ])("%j reads as %j", (wire, declared) => {
    expect(checkoutFromWire(wire)).toEqual(declared);
  });
});

describe("the state of a Session", () => {
  test("pairs each repository with its resource, in the order of the inputs, with what the API mounted", () => {
    const state = sessionState(inputs, session({ archived_at: "2026-03-01T00:00:00Z" }), resources);
    expect(state.repositories).toEqual([
      { ...backend, resourceId: "sesr_b" },
      { ...web, resourceId: "sesr_w" },
    ]);
    expect(state.mounts).toEqual([
      { url: backend.url, mountPath: "/app/backend", checkout: null, resourceId: "sesr_b" },
      { url: web.url, mountPath: "/workspace/web", checkout: { commit: "c".repeat(40) }, resourceId: "sesr_w" },
    ]);
    expect(state).toMatchObject({
      sessionId: "sess_1",
      status: "running",
      createdAt: "2026-01-01T00:00:00Z",
      archivedAt: "2026-03-01T00:00:00Z",
    });
  });

  test("a Session that does not mount a declared repository is refused, naming it", () => {
    expect(() => sessionState(inputs, session(), resources.slice(1))).toThrow("Session sess_1 does not mount https://github.com/acme/web");
    expect(() => sessionState(inputs, session(), [])).toThrow("Session sess_1 does not mount /app/backend, https://github.com/acme/web");
  });

  test("covers every repository, or not", () => {
    const state = sessionState(inputs, session(), resources);
    expect(coversRepositories(state, resources)).toBe(true);
    expect(coversRepositories(state, resources.slice(0, 1))).toBe(false);
  });

  test("a mount the API reports without url or path keeps the declared ones", () => {
    const bare: ResourceWire[] = [
      { id: "sesr_b", type: "github_repository", url: backend.url, mount_path: "/app/backend" },
      { ...resources[0], mount_path: undefined },
    ];
    const matched = sessionState({ ...inputs, repositories: [backend] }, session(), bare);
    expect(matched.mounts[0]).toMatchObject({ url: backend.url, mountPath: "/app/backend" });
  });
});

test("a repository mounted where neither the inputs nor the API say has a blank mount path", () => {
  const bare: ResourceWire[] = [{ id: "sesr_w", type: "github_repository", url: web.url }];
  expect(sessionState({ ...inputs, repositories: [web] }, session(), bare).mounts).toEqual([
    { url: web.url, mountPath: "", checkout: null, resourceId: "sesr_w" },
  ]);
});

describe("title and metadata as the API holds them", () => {
  test("absent stays absent, and the create marker is never the user's", () => {
    expect(remoteSettings({}, session({ title: null, metadata: { "pulumi-qoder-create": "d" } }))).toEqual({
      title: undefined,
      metadata: undefined,
    });
    expect(remoteSettings({ title: "t", metadata: {} }, session({ title: null, metadata: null }))).toEqual({ title: "", metadata: {} });
    expect(remoteSettings({}, session({ title: "T", metadata: { a: "1", "pulumi-qoder-create": "d" } }))).toEqual({
      title: "T",
      metadata: { a: "1" },
    });
  });
});

describe("what is stored after a takeover, a refresh and an update", () => {
  const stored = (): SessionState => sessionState({ ...inputs, title: "mine", metadata: { a: "1" } }, session(), resources);

  test("a takeover that could not finish keeps the API's title and metadata and marks every token unconfirmed", () => {
    const state = unconfirmedTakeover(stored(), session({ title: "theirs", metadata: { b: "2" } }));
    expect(state.title).toBe("theirs");
    expect(state.metadata).toEqual({ b: "2" });
    expect(state.repositories.map((repo) => repo.tokenUnconfirmed)).toEqual([true, true]);
  });

  test("a refresh keeps tokens marked unconfirmed and takes the API's title", () => {
    const before = stored();
    before.repositories[1] = { ...before.repositories[1], tokenUnconfirmed: true };
    const state = refreshedState(before, session({ title: "console", metadata: { a: "1" } }), resources);
    expect(state.title).toBe("console");
    expect(state.repositories.map((repo) => repo.tokenUnconfirmed)).toEqual([undefined, true]);
  });

  test("resource ids looked up later keep unconfirmed tokens unconfirmed", () => {
    const partial: SessionState = { ...stored(), repositories: [backend, { ...web, tokenUnconfirmed: true }], mounts: [] };
    const state = withResourceIds(partial, session(), resources);
    expect(state.repositories).toEqual([
      { ...backend, resourceId: "sesr_b" },
      { ...web, resourceId: "sesr_w", tokenUnconfirmed: true },
    ]);
    expect(state.mounts.map((mount) => mount.resourceId)).toEqual(["sesr_b", "sesr_w"]);
  });

  test("an update takes status and archive time from the API's answer, or keeps the stored ones", () => {
    const current = stored();
    const answered = updatedState(current, current, new Set(), current, session({ status: "idle", archived_at: "2026-04-01T00:00:00Z" }));
    expect([answered.status, answered.archivedAt]).toEqual(["idle", "2026-04-01T00:00:00Z"]);
    expect(updatedState(current, current, new Set(), current, session({ status: "idle" })).archivedAt).toBeNull();
    const kept = updatedState({ ...current, archivedAt: "x" }, current, new Set(), current);
    expect([kept.status, kept.archivedAt, kept.createdAt, kept.sessionId]).toEqual(["running", "x", "2026-01-01T00:00:00Z", "sess_1"]);
  });

  test("an update keeps an unconfirmed token unconfirmed until it is rotated", () => {
    const current = stored();
    current.repositories[0] = { ...current.repositories[0], tokenUnconfirmed: true };
    const state = updatedState(current, { ...current, repositories: [backend, web] }, new Set(), current);
    expect(state.repositories[0]).toEqual({ ...backend, resourceId: "sesr_b", tokenUnconfirmed: true });
    expect(state.repositories[1]).toEqual({ ...web, resourceId: "sesr_w" });
    const rotated = updatedState(current, { ...current, repositories: [backend, web] }, new Set(["/app/backend"]), current);
    expect(rotated.repositories[0]).toEqual({ ...backend, resourceId: "sesr_b" });
  });

  test("a repository the update adds has no resource id and no mount yet", () => {
    const current = stored();
    const extra = { url: "https://github.com/acme/new", mountPath: "/app/new", authorizationToken: "ghp_n" };
    const state = updatedState(current, { ...current, repositories: [...current.repositories, extra] }, new Set(), current);
    expect(state.repositories[2]).toEqual(extra);
    expect(state.mounts).toHaveLength(2);
  });
});

describe("the identity of a create", () => {
  test("the first key is the digest itself; each passed Session derives the next, in order", () => {
    const digest = createDigest("org/project/stack/name", { a: 1 });
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(createKey(digest, [])).toBe(digest);
    const one = createKey(digest, ["sess_1"]);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(one).not.toBe(digest);
    expect(createKey(digest, ["sess_1", "sess_2"])).not.toBe(createKey(digest, ["sess_2", "sess_1"]));
    expect(createKey(digest, ["sess_1", "sess_2"])).toBe(createKey(digest, ["sess_1", "sess_2"]));
  });

  test("keys and digests stay the same from release to release, so a run after an upgrade still finds an interrupted create", () => {
    const { createHash } = require("node:crypto") as typeof import("node:crypto");
    const sha = (...parts: string[]) => parts.reduce((hash, part) => hash.update(part), createHash("sha256")).digest("hex");
    const digest = createDigest("o/p/s/n", { b: [1], a: "x" });
    expect(digest).toBe(sha("o/p/s/n", "\u0000", '{"a":"x","b":[1]}'));
    expect(createKey(digest, ["sess_1", "sess_2"])).toBe(sha(sha(digest, "\u0000", "sess_1"), "\u0000", "sess_2"));
  });

  test("the digest depends on the owner and the identity, not on key order", () => {
    expect(createDigest("o", { a: 1, b: 2 })).toBe(createDigest("o", { b: 2, a: 1 }));
    expect(createDigest("o", { a: 1 })).not.toBe(createDigest("p", { a: 1 }));
    expect(createDigest("o", { a: 1 })).not.toBe(createDigest("o", { a: 2 }));
    // The separator keeps the owner and the identity apart.
    expect(createDigest("o1", 2)).not.toBe(createDigest("o", 12));
  });

  test("a Session made more than 2 s before the create began is an earlier one", () => {
    const started = Date.parse("2026-01-01T00:00:10.000Z");
    expect(isEarlierObject("2026-01-01T00:00:07.999Z", started)).toBe(true);
    expect(isEarlierObject("2026-01-01T00:00:08.000Z", started)).toBe(false);
    expect(isEarlierObject("2026-01-01T00:00:11.000Z", started)).toBe(false);
    expect(isEarlierObject("not a date", started)).toBe(false);
  });
});
