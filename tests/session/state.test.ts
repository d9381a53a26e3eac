import type { SessionWire } from "../../provider/api/wire";
import { diffSession } from "../../provider/session/planner";
import { createdState, fromStored, type SessionState, storedInputs, updatedState } from "../../provider/session/state";
import { BACKEND_TOKEN, backend, FRONTEND_TOKEN, frontend, inputs, providerAgainstEmulator } from "./against-emulator";

const session: SessionWire = {
  id: "sess_1",
  environment_id: inputs.environmentId,
  status: "idle",
  resources: [],
  vault_ids: [],
  memory_store_ids: [],
  created_at: "2026-01-01T00:00:00Z",
};

const stored: SessionState = {
  ...inputs,
  repositories: [
    { ...backend, resourceId: "sesr_b" },
    { ...frontend, resourceId: "sesr_f" },
  ],
  mounts: [
    { url: backend.url, mountPath: backend.mountPath, checkout: null, resourceId: "sesr_b" },
    { url: frontend.url, mountPath: frontend.mountPath, checkout: null, resourceId: "sesr_f" },
  ],
  sessionId: "sess_1",
  status: "idle",
  createdAt: "2026-01-01T00:00:00Z",
  archivedAt: null,
};

describe("stored state", () => {
  test("a blank resource id written by release 0.1.0 reads as unknown, with its token unconfirmed", () => {
    const old = { ...stored, repositories: [{ ...backend, resourceId: "" }, stored.repositories[1]] };
    expect(fromStored(old).repositories).toEqual([{ ...backend, tokenUnconfirmed: true }, stored.repositories[1]]);
  });

  test("an unconfirmed token is rotated even when the declared token did not change", () => {
    const state = { ...stored, repositories: [{ ...stored.repositories[0], tokenUnconfirmed: true as const }, stored.repositories[1]] };
    const diff = diffSession(state, inputs);
    expect(diff.changes).toBe(true);
    expect(diff.rotations).toEqual([
      { resourceId: "sesr_b", repositoryKey: "/app/backend", credential: { authorization_token: BACKEND_TOKEN } },
    ]);
  });

  test("the inputs come back from the state without resource ids or outputs", () => {
    expect(storedInputs(stored)).toEqual(inputs);
  });

  test("a create whose resources could not be read stores no resource id and keeps the tokens it sent", () => {
    const state = createdState(inputs, session);
    expect(state.repositories).toEqual(inputs.repositories);
    expect(state.mounts).toEqual([]);
    expect(diffSession(state, inputs)).toEqual({ changes: false, replaces: [], rotations: [], patch: undefined, inPlace: [] });
  });

  test("after a failed rotation, a repository not rotated keeps the token the API still holds", () => {
    const news = {
      ...inputs,
      repositories: [
        { ...backend, authorizationToken: "ghp_new_b" },
        { ...frontend, authorizationToken: "ghp_new_f" },
      ],
    };
    const state = updatedState(stored, news, new Set(["/app/backend"]), stored);
    expect(state.repositories.map((repo) => [repo.resourceId, "authorizationToken" in repo && repo.authorizationToken])).toEqual([
      ["sesr_b", "ghp_new_b"],
      ["sesr_f", FRONTEND_TOKEN],
    ]);
    expect(state.mounts).toEqual(stored.mounts);
  });
});

describe("update after a create that stored no resource ids", () => {
  test("looks the ids up and rotates nothing whose token did not change", async () => {
    const env = await providerAgainstEmulator();
    try {
      const created = await env.create();
      const partial = { ...created, repositories: created.repositories.map(({ resourceId: _id, ...repo }) => repo), mounts: [] };
      env.emulator.clearRequests();
      const changed = { ...inputs, repositories: [backend, { ...frontend, authorizationToken: "ghp_frontend_rotated" }] };
      const { outs } = await env.provider.update(created.sessionId, partial, changed);
      expect(env.writes().map((request) => `${request.method} ${request.path}`)).toEqual([
        `POST /sessions/${created.sessionId}/resources/${created.repositories[1].resourceId}`,
      ]);
      expect((outs as SessionState).repositories.map((repo) => repo.resourceId)).toEqual(
        created.repositories.map((repo) => repo.resourceId),
      );
      expect((outs as SessionState).mounts).toEqual(created.mounts);
    } finally {
      await env.close();
    }
  });
});
