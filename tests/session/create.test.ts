import type { QoderClient } from "../../provider/api/client";
import type { CreateSessionWire, SessionWire } from "../../provider/api/wire";
import { CREATE_MARKER, createDigest, createKey } from "../../provider/dynamic/idempotency";
import { QoderApiError, QoderMismatchError } from "../../provider/errors";
import { createOrFind } from "../../provider/session/create";
import type { SessionInputs } from "../../provider/session/model";
import { createIdentity } from "../../provider/session/planner";

const repo = { url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: "ghp_b" };
const plain: SessionInputs = { agent: "agent_1", environmentId: "env_1", repositories: [repo] };
const OWNER = "org/project/stack/name";
const owned = { ...plain, __owner: OWNER } as SessionInputs;
const digest = createDigest(OWNER, createIdentity(plain));

const LONG_AGO = "2020-01-01T00:00:00Z";
const mounted = [{ id: "sesr_1", type: "github_repository", url: repo.url, mount_path: repo.mountPath }];
const sessionOf = (id: string, extra: Partial<SessionWire> = {}): SessionWire => ({
  id,
  agent_id: "agent_1",
  environment_id: "env_1",
  status: "idle",
  resources: mounted,
  vault_ids: [],
  memory_store_ids: [],
  created_at: new Date().toISOString(),
  ...extra,
});

/** A client whose answers are scripted; records what the create sent. */
function stub(script: {
  create: (body: CreateSessionWire, key: string | undefined, n: number) => SessionWire;
  get?: (id: string) => SessionWire | undefined;
  search?: SessionWire[] | Error;
  list?: SessionWire[];
}) {
  const creates: { body: CreateSessionWire; key: string | undefined }[] = [];
  const archived: string[] = [];
  const searched: Record<string, string>[] = [];
  const listed: true[] = [];
  const client = {
    async createSession(body: CreateSessionWire, key?: string) {
      creates.push({ body, key });
      return script.create(body, key, creates.length);
    },
    async getSession(id: string) {
      return script.get?.(id);
    },
    async searchSessions(metadata: Record<string, string>) {
      searched.push(metadata);
      if (script.search instanceof Error) throw script.search;
      return script.search ?? [];
    },
    async listSessions() {
      listed.push(true);
      return script.list ?? [];
    },
    async archiveSession(id: string) {
      archived.push(id);
      return true;
    },
  } as unknown as QoderClient;
  return { client, creates, archived, searched, listed };
}

const conflict = () =>
  new QoderApiError({ method: "POST", path: "/sessions", status: 409, errorType: "conflict_error", apiMessage: "Idempotency key reused." });

let log: jest.SpyInstance;
beforeEach(() => {
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());

test("without an owner (a provider used directly), one plain create with a random key and no marker", async () => {
  const { client, creates } = stub({ create: () => sessionOf("sess_1", { created_at: LONG_AGO }) });
  const outcome = await createOrFind(client, plain);
  expect(outcome).toEqual({ object: expect.objectContaining({ id: "sess_1" }), found: false });
  expect(creates).toEqual([{ body: expect.not.objectContaining({ metadata: expect.anything() }), key: undefined }]);
});

test("an empty owner counts as none", async () => {
  const { client, creates } = stub({ create: () => sessionOf("sess_1") });
  await createOrFind(client, { ...plain, __owner: "" } as SessionInputs);
  expect(creates[0].key).toBeUndefined();
});

test("a fresh create is keyed and marked by the digest, next to the user's metadata", async () => {
  const { client, creates } = stub({ create: () => sessionOf("sess_1") });
  const outcome = await createOrFind(client, { ...owned, metadata: { team: "x" } } as SessionInputs);
  expect(outcome.found).toBe(false);
  expect(creates).toEqual([{ body: expect.objectContaining({ metadata: { team: "x", [CREATE_MARKER]: digest } }), key: digest }]);
});

test("a replayed live Session that still matches is taken over, and the user is told", async () => {
  const { client, creates } = stub({
    create: () => sessionOf("sess_1", { created_at: LONG_AGO }),
    get: (id) => sessionOf(id, { title: "live" }),
  });
  const outcome = await createOrFind(client, owned);
  expect(outcome).toEqual({ object: expect.objectContaining({ id: "sess_1", title: "live" }), found: false });
  expect(creates).toHaveLength(1);
  expect(log).toHaveBeenCalledWith("Session sess_1 was created by an earlier, interrupted run; taking it over.");
});

test("replayed Sessions that are gone, archived or changed are passed over, each with the next key of the chain", async () => {
  const { client, creates } = stub({
    create: (_body, _key, n) => sessionOf(`sess_${n}`, n < 4 ? { created_at: LONG_AGO } : {}),
    get: (id) =>
      id === "sess_1" ? undefined : id === "sess_2" ? sessionOf(id, { archived_at: LONG_AGO }) : sessionOf(id, { resources: [] }),
  });
  const outcome = await createOrFind(client, owned);
  expect(outcome).toEqual({ object: expect.objectContaining({ id: "sess_4" }), found: false });
  expect(creates.map((create) => create.key)).toEqual([
    digest,
    createKey(digest, ["sess_1"]),
    createKey(digest, ["sess_1", "sess_2"]),
    createKey(digest, ["sess_1", "sess_2", "sess_3"]),
  ]);
});

test("after 9 creates answered with earlier Sessions gone since, it stops rather than create another", async () => {
  const { client, creates } = stub({ create: (_b, _k, n) => sessionOf(`sess_${n}`, { created_at: LONG_AGO }) });
  const error = await createOrFind(client, owned).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderMismatchError);
  expect((error as Error).message).toBe(
    "The API answered 9 creates of this Session with earlier ones archived, deleted or changed since; not creating another",
  );
  expect(creates).toHaveLength(9);
});

describe("a create the API refuses as a reused key (409)", () => {
  const refused = () => {
    throw conflict();
  };

  test("finds the newest live matching Session by its marker, archives the other ones, and says so", async () => {
    const { client, archived, searched } = stub({
      create: refused,
      search: [
        sessionOf("sess_old", { created_at: "2026-01-01T00:00:00Z" }),
        sessionOf("sess_new", { created_at: "2026-01-03T00:00:00Z" }),
        sessionOf("sess_gone", { created_at: "2026-01-04T00:00:00Z", archived_at: "2026-01-05T00:00:00Z" }),
        sessionOf("sess_other", { created_at: "2026-01-05T00:00:00Z", resources: [] }),
        sessionOf("sess_mid", { created_at: "2026-01-02T00:00:00Z" }),
      ],
    });
    const outcome = await createOrFind(client, owned);
    expect(outcome).toEqual({ object: expect.objectContaining({ id: "sess_new" }), found: true });
    expect(searched).toEqual([{ [CREATE_MARKER]: digest }]);
    expect(archived.sort()).toEqual(["sess_mid", "sess_old"]);
    expect(log).toHaveBeenCalledWith("Session sess_new was created by an earlier, interrupted run; taking it over.");
  });

  test("with nothing live in search or in the full list, the Session it repeats is gone: the next key of the chain creates one", async () => {
    const marked = (id: string, extra: Partial<SessionWire> = {}) => sessionOf(id, { metadata: { [CREATE_MARKER]: digest }, ...extra });
    const { client, creates, listed } = stub({
      create: (_body, _key, n) => {
        if (n === 1) throw conflict();
        return sessionOf("sess_fresh");
      },
      search: [marked("sess_gone", { archived_at: LONG_AGO })],
      list: [marked("sess_gone", { archived_at: LONG_AGO }), sessionOf("sess_unmarked")],
    });
    const outcome = await createOrFind(client, owned);
    expect(outcome).toEqual({ object: expect.objectContaining({ id: "sess_fresh" }), found: false });
    expect(listed).toHaveLength(1);
    expect(creates.map((create) => create.key)).toEqual([createKey(digest, []), createKey(digest, ["refused-repeat"])]);
  });

  test("a live Session search does not show yet is found in the full list and taken over, not made twice", async () => {
    const { client, creates } = stub({
      create: refused,
      search: [],
      list: [sessionOf("sess_unindexed", { metadata: { [CREATE_MARKER]: digest } }), sessionOf("sess_unmarked")],
    });
    const outcome = await createOrFind(client, owned);
    expect(outcome).toEqual({ object: expect.objectContaining({ id: "sess_unindexed" }), found: true });
    expect(creates).toHaveLength(1);
  });

  test("when search shows a live marked Session, the full list is not read", async () => {
    const { client, listed } = stub({ create: refused, search: [sessionOf("sess_live", { metadata: { [CREATE_MARKER]: digest } })] });
    expect((await createOrFind(client, owned)).object.id).toBe("sess_live");
    expect(listed).toEqual([]);
  });

  test("an API without search (404 on POST /sessions/search): the Session is found in the full list and taken over", async () => {
    const missing = new QoderApiError({
      method: "POST",
      path: "/sessions/search",
      status: 404,
      errorType: "not_found_error",
      apiMessage: "No endpoint matches POST /api/v1/cloud/sessions/search.",
    });
    const { client, creates, searched, listed } = stub({
      create: refused,
      search: missing,
      list: [sessionOf("sess_listed", { metadata: { [CREATE_MARKER]: digest } }), sessionOf("sess_unmarked")],
    });
    const outcome = await createOrFind(client, owned);
    expect(outcome).toEqual({ object: expect.objectContaining({ id: "sess_listed" }), found: true });
    expect([creates.length, searched.length, listed.length]).toEqual([1, 1, 1]);
    // Remembered for this client: the next refused create reads the list straight away.
    await createOrFind(client, owned);
    expect([searched.length, listed.length]).toEqual([1, 2]);
  });

  test("other refusals are passed on as they are", async () => {
    const refusal = new QoderApiError({
      method: "POST",
      path: "/sessions",
      status: 400,
      errorType: "invalid_request_error",
      apiMessage: "bad",
    });
    const { client } = stub({
      create: () => {
        throw refusal;
      },
    });
    await expect(createOrFind(client, owned)).rejects.toBe(refusal);
  });
});
