import { QoderIncompleteError, QoderMismatchError } from "../../provider/errors";
import type { SessionState } from "../../provider/session/state";
import { BACKEND_TOKEN, backend, frontend, inputs, providerAgainstEmulator } from "./against-emulator";

let env: Awaited<ReturnType<typeof providerAgainstEmulator>>;
beforeEach(async () => {
  env = await providerAgainstEmulator();
});
afterEach(() => env.close());

test("a refresh without stored properties is refused, pointing to adoptSessionId", async () => {
  await expect(env.provider.read("sess_1")).rejects.toThrow(
    new QoderMismatchError(
      "Session sess_1: reading without stored properties is not supported (pulumi import does not work for dynamic providers; use adoptSessionId)",
    ),
  );
});

test("a refresh whose Session lost a repository reads the resource list to see what is still mounted", async () => {
  const outs = await env.create();
  const frontendId = outs.repositories.find((repo) => repo.mountPath === "/app/frontend")!.resourceId!;
  await env.deleteResource(outs.sessionId, frontendId);
  await env.provider.read(outs.sessionId, outs);
  expect(env.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /sessions/${outs.sessionId}`,
    `GET /sessions/${outs.sessionId}/resources`,
  ]);
});

test("an update of a half-made Session that is gone since says to refresh", async () => {
  const outs = await env.create();
  const partial = { ...outs, repositories: outs.repositories.map(({ resourceId: _id, ...repo }) => repo) };
  env.emulator.deleteSession(outs.sessionId);
  await expect(env.provider.update(outs.sessionId, partial, { ...inputs, title: "x" })).rejects.toThrow(
    new QoderMismatchError(`Session ${outs.sessionId} no longer exists; run \`pulumi refresh --run-program\`, then \`pulumi up\``),
  );
});

test("an update that changes nothing sends nothing and keeps the state", async () => {
  const outs = await env.create();
  env.emulator.clearRequests();
  const { outs: after } = await env.provider.update(outs.sessionId, outs, inputs);
  expect(env.writes()).toEqual([]);
  expect(after).toEqual(outs);
});

test("a rotation that fails keeps in state the tokens the API now holds, and the old title", async () => {
  const outs = await env.create();
  env.emulator.setFaults([{ route: "POST /sessions/*/resources/*", kind: "503", probability: 1 }]);
  const news = {
    ...inputs,
    title: "Renamed",
    repositories: [
      { ...backend, authorizationToken: "ghp_backend_next" },
      { ...frontend, authorizationToken: "ghp_frontend_next" },
    ],
  };
  const error = await env.provider.update(outs.sessionId, outs, news).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderIncompleteError);
  const kept = (error as QoderIncompleteError).properties as unknown as SessionState;
  expect(kept.title).toBe(inputs.title);
  // Stored as the engine keeps state: the tokens in repositorySecrets, by position.
  const secrets = (kept as unknown as { repositorySecrets: { authorizationToken: string }[] }).repositorySecrets;
  expect(secrets.map((secret) => secret.authorizationToken)).toEqual([BACKEND_TOKEN, frontend.authorizationToken]);
  expect(env.writes().some((r) => r.path === `/sessions/${outs.sessionId}`)).toBe(false);
});

test("a takeover whose token rotation fails keeps the Session, every token unconfirmed", async () => {
  const existing = env.emulator.seedSession({
    agent: { id: "agent_019e390add9f", version: 1 },
    environment_id: "env_019e2590d33f",
    resources: [
      { url: backend.url, mount_path: backend.mountPath, authorization_token: "ghp_old_back" },
      { url: frontend.url, mount_path: frontend.mountPath, authorization_token: "ghp_old_front" },
    ],
  });
  env.emulator.setFaults([{ route: "POST /sessions/*/resources/*", kind: "503", probability: 1 }]);
  const error = await env.provider.create({ ...inputs, adoptSessionId: existing.id }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderIncompleteError);
  expect((error as QoderIncompleteError).id).toBe(existing.id);
  const kept = (error as QoderIncompleteError).properties as unknown as SessionState;
  expect(kept.sessionId).toBe(existing.id);
  expect(kept.repositories.map((repo) => repo.tokenUnconfirmed)).toEqual([true, true]);
  expect(kept.repositories.every((repo) => typeof repo.resourceId === "string")).toBe(true);
});

test("adopting a Session that does not exist names it", async () => {
  await expect(env.provider.create({ ...inputs, adoptSessionId: "sess_missing" })).rejects.toThrow(
    new QoderMismatchError("adoptSessionId: Session sess_missing was not found"),
  );
});

test("a takeover whose title already matches sends no patch", async () => {
  const existing = env.emulator.seedSession({
    agent: { id: "agent_019e390add9f", version: 1 },
    environment_id: "env_019e2590d33f",
    title: inputs.title,
    metadata: inputs.metadata,
    resources: [
      { url: backend.url, mount_path: backend.mountPath, authorization_token: "ghp_old_back" },
      { url: frontend.url, mount_path: frontend.mountPath, authorization_token: "ghp_old_front" },
    ],
  });
  const outs = (await env.provider.create({ ...inputs, adoptSessionId: existing.id })).outs as SessionState;
  expect(env.writes().some((r) => r.path === `/sessions/${existing.id}`)).toBe(false);
  expect(outs.repositories.every((repo) => repo.tokenUnconfirmed === undefined)).toBe(true);
  expect(outs.status).toBe(env.emulator.session(existing.id)!.status);
});
