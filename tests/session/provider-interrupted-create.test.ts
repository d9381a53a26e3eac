import type { SessionInputs } from "../../provider/session/model";
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
