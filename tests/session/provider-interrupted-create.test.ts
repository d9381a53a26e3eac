import type { SessionInputs } from "../../provider/session/model";
import type { GitHubRepositoryInput } from "../../provider/session/repository-model";
import type { SessionState } from "../../provider/session/state";
import { inputs, providerAgainstEmulator } from "./against-emulator";

// The emulator's clock runs a minute behind, so every Session it returns looks made before the
// create began: exactly what a create repeated after an interrupted run sees.
let env: Awaited<ReturnType<typeof providerAgainstEmulator>>;
beforeEach(async () => {
  env = await providerAgainstEmulator({ now: () => new Date(Date.now() - 60_000) });
});
afterEach(() => env.close());

const owned = { ...inputs, __owner: "project/stack/backend-fix" } as SessionInputs;
const posts = () => env.emulator.requests.filter((r) => r.method === "POST" && r.path === "/sessions");

test("a create repeated for the same resource gets the live Session back, not a second one", async () => {
  const first = await env.create(owned);
  const again = await env.create(owned);
  expect(again.sessionId).toBe(first.sessionId);
  expect(env.emulator.sessions()).toHaveLength(1);
  expect(new Set(posts().map((r) => r.idempotencyKey)).size).toBe(1);
});

test("a replayed Session that was archived since is not reused: a new one is created", async () => {
  const first = await env.create(owned);
  env.emulator.archiveSession(first.sessionId);
  const again = await env.create(owned);
  expect(again.sessionId).not.toBe(first.sessionId);
  expect(
    env.emulator
      .sessions()
      .filter((s) => !s.archived_at)
      .map((s) => s.id),
  ).toEqual([again.sessionId]);
});

test("different resources with the same inputs get different Sessions", async () => {
  const a = await env.create(owned);
  const b = await env.create({ ...owned, __owner: "project/stack/other" } as SessionInputs);
  expect(a.sessionId).not.toBe(b.sessionId);
});

test("the idempotency key is a digest: it holds no token", async () => {
  await env.create(owned);
  const key = posts()[0].idempotencyKey!;
  expect(key).toMatch(/^[0-9a-f]{64}$/);
});

const withNewTokens: SessionInputs = {
  ...owned,
  repositories: (owned.repositories as GitHubRepositoryInput[]).map((repo) => ({
    ...repo,
    authorizationToken: `${repo.authorizationToken}_next`,
  })),
};

test("a repeat with new tokens is refused by the API as a reused key; the Session is found by its marker and its tokens rotated", async () => {
  const first = await env.create(owned);
  env.emulator.clearRequests();
  const again = await env.create(withNewTokens);
  expect(again.sessionId).toBe(first.sessionId);
  expect(env.emulator.sessions()).toHaveLength(1);
  expect(env.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /sessions",
    "POST /sessions/search",
    `GET /sessions/${first.sessionId}/resources`,
    ...first.repositories.map((repo) => `POST /sessions/${first.sessionId}/resources/${repo.resourceId}`),
  ]);
  const held = env.emulator.session(first.sessionId)!.resources.map((r) => r.credentialHistory.at(-1));
  expect(held).toEqual((withNewTokens.repositories as GitHubRepositoryInput[]).map((repo) => repo.authorizationToken));
  expect(again.repositories.every((repo) => repo.tokenUnconfirmed === undefined)).toBe(true);
});

test("a repeat with another title takes the Session over and sets the title", async () => {
  const first = await env.create(owned);
  const again = await env.create({ ...owned, title: "Renamed between runs" });
  expect(again.sessionId).toBe(first.sessionId);
  expect(env.emulator.session(first.sessionId)!.title).toBe("Renamed between runs");
});

test("every create carries the marker in metadata, which stays out of state, refresh and diff", async () => {
  const first = await env.create(owned);
  const metadata = env.emulator.session(first.sessionId)!.metadata;
  expect(Object.keys(metadata).sort()).toEqual(["pulumi-qoder-create", "team"]);
  expect(metadata["pulumi-qoder-create"]).toMatch(/^[0-9a-f]{64}$/);
  expect(first.metadata).toEqual({ team: "platform" });
  const read = await env.provider.read(first.sessionId, first);
  expect((read.props as SessionState).metadata).toEqual({ team: "platform" });
  expect(await env.provider.diff(first.sessionId, read.props as SessionState, owned)).toMatchObject({ changes: false });
});

test("the marker and the key hold no token, title or metadata: they are the same whatever those are", async () => {
  await env.create(owned);
  const firstKey = posts()[0].idempotencyKey;
  const firstMarker = env.emulator.sessions()[0].metadata["pulumi-qoder-create"];
  const other = await providerAgainstEmulator({ now: () => new Date(Date.now() - 60_000) });
  try {
    await other.create({ ...withNewTokens, title: "other", metadata: { other: "x" } });
    const request = other.emulator.requests.find((r) => r.method === "POST" && r.path === "/sessions")!;
    expect(request.idempotencyKey).toBe(firstKey);
    expect(other.emulator.sessions()[0].metadata["pulumi-qoder-create"]).toBe(firstMarker);
  } finally {
    await other.close();
  }
});

test("a refused repeat whose Session was archived since (destroyed, then created again with new tokens) creates exactly one", async () => {
  const first = await env.create(owned);
  env.emulator.archiveSession(first.sessionId);
  const second = await env.create(withNewTokens);
  const live = env.emulator.sessions().filter((s) => !s.archived_at);
  expect(live.map((s) => s.id)).toEqual([second.sessionId]);
  expect(second.sessionId).not.toBe(first.sessionId);
  const held = live[0].resources.map((r) => r.credentialHistory);
  expect(held).toEqual((withNewTokens.repositories as GitHubRepositoryInput[]).map((repo) => [repo.authorizationToken]));
});
