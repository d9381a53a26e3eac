import { QoderApiError } from "../../provider/errors";
import { archiveSession } from "../../provider/session/archive";
import { replacementReason } from "../../provider/session/in-place-check";
import type { SessionInputs } from "../../provider/session/model";
import { SessionProvider } from "../../provider/session/provider";
import type { SessionState } from "../../provider/session/state";
import { apiError, clientOf, closeAll, loopback, sessionBody } from "../api/loopback-api";
import { backend, FRONTEND_TOKEN, frontend, inputs, providerAgainstEmulator } from "./against-emulator";

// A diff that plans an in-place update reads the Session once: one archived, deleted or stripped
// of a repository outside Pulumi cannot take it, so the diff replaces it instead.

let env: Awaited<ReturnType<typeof providerAgainstEmulator>>;
let log: jest.SpyInstance;
beforeEach(async () => {
  env = await providerAgainstEmulator();
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(async () => {
  log.mockRestore();
  await env.close();
  await closeAll();
});

const rotated: SessionInputs = { ...inputs, repositories: [backend, { ...frontend, authorizationToken: "ghp_frontend_rotated_2" }] };
const reads = () => env.emulator.requests.map((r) => `${r.method} ${r.path}`);

async function created(): Promise<SessionState> {
  const outs = await env.create();
  env.emulator.clearRequests();
  return outs;
}

describe("a diff that plans an in-place update", () => {
  test("a healthy Session: one GET, and the rotation stays in place", async () => {
    const outs = await created();
    expect(await env.provider.diff(outs.sessionId, outs, rotated)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(reads()).toEqual([`GET /sessions/${outs.sessionId}`]);
  });

  test("a Session archived outside Pulumi: a token change replaces it, and the CLI is told why", async () => {
    const outs = await created();
    env.emulator.archiveSession(outs.sessionId);
    expect(await env.provider.diff(outs.sessionId, outs, rotated)).toEqual({
      changes: true,
      replaces: ["repositories"],
      deleteBeforeReplace: false,
    });
    expect(reads()).toEqual([`GET /sessions/${outs.sessionId}`]);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `^Session ${outs.sessionId} was archived outside Pulumi .*credentials cannot be updated: it is replaced by a new Session\\.$`,
        ),
      ),
    );
  });

  test("a repository resource deleted outside Pulumi: a token change replaces the Session (the API adds files only)", async () => {
    const outs = await created();
    const frontendId = outs.repositories.find((repo) => repo.mountPath === "/app/frontend")!.resourceId!;
    await env.deleteResource(outs.sessionId, frontendId);
    expect((await env.provider.diff(outs.sessionId, outs, rotated)).replaces).toEqual(["repositories"]);
    expect(reads()).toEqual([`GET /sessions/${outs.sessionId}`, `GET /sessions/${outs.sessionId}/resources`]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`no longer mounts /app/frontend`));
  });

  test("a Session the API says does not exist fails the diff, naming the commands that recover", async () => {
    const outs = await created();
    env.emulator.deleteSession(outs.sessionId);
    // Not replaced on a 404 alone: an API that holds other objects (a wrong URL) says the same.
    await expect(env.provider.diff(outs.sessionId, outs, { ...inputs, title: "Renamed" })).rejects.toThrow(
      `Session ${outs.sessionId} cannot be updated: the API at ${env.emulator.url} says it does not exist (deleted outside Pulumi?). ` +
        "Run `pulumi refresh --run-program` to record that, then `pulumi up` to create it again",
    );
    expect(env.writes()).toEqual([]);
  });

  test("a metadata change on an archived Session names metadata", async () => {
    const outs = await created();
    env.emulator.archiveSession(outs.sessionId);
    expect((await env.provider.diff(outs.sessionId, outs, { ...inputs, metadata: { team: "web" } })).replaces).toEqual(["metadata"]);
  });

  test("a read that fails leaves the update in place (the update then reports the failure)", async () => {
    const outs = await created();
    const revoked = new SessionProvider({ apiUrl: env.emulator.url, token: "qoder_pat_revoked_0000", maxRetries: 0 });
    try {
      expect((await revoked.diff(outs.sessionId, outs, rotated)).replaces).toEqual([]);
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/could not be read before its update \(.*401.*\); it is updated in place/));
    } finally {
      await revoked.close();
    }
  });
});

describe("a diff with nothing to send reads nothing", () => {
  test.each([
    ["nothing changed", inputs],
    ["only deletionMode, a provider setting", { ...inputs, deletionMode: "delete" as const }],
    ["a replacement anyway", { ...rotated, environmentId: "env_other" }],
  ])("%s", async (_name, news) => {
    const outs = await created();
    env.emulator.archiveSession(outs.sessionId);
    env.emulator.clearRequests();
    await env.provider.diff(outs.sessionId, outs, news);
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("the replacement such a diff asks for", () => {
  test("creates one new Session with the new token, and archiving the archived one succeeds", async () => {
    const outs = await created();
    env.emulator.archiveSession(outs.sessionId);
    const next = (await env.provider.create(rotated)).outs as SessionState;
    await env.provider.delete(outs.sessionId, outs);
    const live = env.emulator.sessions().filter((session) => !session.archived_at);
    expect(live.map((session) => session.id)).toEqual([next.sessionId]);
    const front = live[0].resources.find((r) => (r as { mount_path: string }).mount_path === "/app/frontend")!;
    expect(front.credentialHistory).toEqual(["ghp_frontend_rotated_2"]);
    expect(front.credentialHistory).not.toContain(FRONTEND_TOKEN);
  });
});

describe("replacementReason", () => {
  const session = {
    id: "sess_1",
    environment_id: "env_1",
    status: "idle",
    resources: [],
    vault_ids: [],
    memory_store_ids: [],
    created_at: "",
  };
  const mounted = [{ id: "sesr_b", type: "github_repository", url: backend.url, mount_path: backend.mountPath }];
  const state = { repositories: [{ ...backend, resourceId: "sesr_b" }] };

  test.each([
    ["archived", { ...session, archived_at: "2026-01-01T00:00:00Z" }, mounted, /archived outside Pulumi \(at 2026-01-01T00:00:00Z\)/],
    ["missing a repository", session, [], /^Session sess_1 no longer mounts \/app\/backend .*only when it creates a Session$/],
  ])("%s", (_name, wire, resources, reason) => {
    expect(replacementReason("sess_1", state, wire, resources)).toMatch(reason);
  });

  test("a live Session that mounts every stored repository can take the update", () => {
    expect(replacementReason("sess_1", state, session, mounted)).toBeUndefined();
  });
});

describe("archiving a Session that may be archived already", () => {
  test.each([400, 409])("a %i refusal is fine when a read shows the Session archived", async (status) => {
    const api = await loopback(
      { status, body: apiError("invalid_request_error", "Session 'sess_1' is already archived.") },
      { status: 200, body: sessionBody("sess_1", { archived_at: "2026-01-01T00:00:00Z" }) },
    );
    await expect(archiveSession(clientOf(api), "sess_1")).resolves.toBeUndefined();
    expect(api.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/v1/cloud/sessions/sess_1/archive",
      "GET /api/v1/cloud/sessions/sess_1",
    ]);
  });

  test("a refusal of a live Session's archive is passed on", async () => {
    const api = await loopback({ status: 409, body: apiError("conflict_error", "Busy.") }, { status: 200, body: sessionBody("sess_1") });
    await expect(archiveSession(clientOf(api), "sess_1")).rejects.toBeInstanceOf(QoderApiError);
  });
});
