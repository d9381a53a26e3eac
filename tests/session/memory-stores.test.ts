import type { ResourceWire, SessionWire } from "../../provider/api/wire";
import { checkInputs } from "../../provider/dynamic/properties";
import { type SessionInputs, sessionSchema } from "../../provider/session/model";
import { adoptionMismatches, createIdentity, createSessionRequest, diffSession } from "../../provider/session/planner";
import { refreshedState, type SessionState, sessionState } from "../../provider/session/state";
import { inputs, providerAgainstEmulator } from "./against-emulator";
import { valid } from "./invalid-inputs";

function reasons(stores: unknown, property: string): string[] {
  return checkInputs(sessionSchema, { ...valid, memoryStoreIds: stores })
    .failures.filter((failure) => failure.property === property)
    .map((failure) => failure.reason);
}

describe("check: memory store entries", () => {
  test("ids and { id, access?, instructions? } objects pass, mixed", () => {
    const stores = ["memstore_1", { id: "memstore_2" }, { id: "memstore_3", access: "read_write", instructions: "Team notes" }];
    expect(checkInputs(sessionSchema, { ...valid, memoryStoreIds: stores }).failures).toEqual([]);
    expect(checkInputs(sessionSchema, { ...valid, memoryStoreIds: [{ id: "memstore_4", access: "read_only" }] }).failures).toEqual([]);
  });

  test("what each wrong entry is told", () => {
    expect(reasons([{ id: "memstore_1", access: "write" }], "memoryStoreIds[0].access")).toEqual([
      'must be "read_write" or "read_only" (or left out for the API\'s default)',
    ]);
    expect(reasons([{ id: "memstore_1", instructions: 5 }], "memoryStoreIds[0].instructions")).toEqual(["must be a string"]);
    expect(reasons([{ id: "memstore_1", mode: "ro" }], "memoryStoreIds[0]")).toEqual([
      'has unknown field(s) "mode"; expected id, access, instructions',
    ]);
    expect(reasons([{ id: "store_1" }], "memoryStoreIds[0].id")).toEqual([
      'must be a memory store id like "memstore_019e…", got "store_1"',
    ]);
    expect(reasons(["store_1"], "memoryStoreIds[0]")).toEqual(['must be a memory store id like "memstore_019e…", got "store_1"']);
    expect(reasons([7], "memoryStoreIds[0]")).toEqual([
      'must be a memory store id "memstore_…" or { id: "memstore_…", access?, instructions? }',
    ]);
    expect(reasons("memstore_1", "memoryStoreIds")).toEqual(["must be a list of memory store ids or { id, access?, instructions? }"]);
  });

  test("the same store twice is refused, whichever forms name it", () => {
    expect(reasons(["memstore_1", "memstore_1"], "memoryStoreIds[1]")).toEqual([
      "attaches memstore_1 again, as memoryStoreIds[0] does; a store is attached once",
    ]);
    expect(reasons(["memstore_1", "memstore_2", { id: "memstore_1", access: "read_only" }], "memoryStoreIds[2].id")).toEqual([
      "attaches memstore_1 again, as memoryStoreIds[0] does; a store is attached once",
    ]);
  });
});

const declared: SessionInputs = {
  ...inputs,
  memoryStoreIds: ["memstore_1", { id: "memstore_2", access: "read_only", instructions: "Read the runbooks first." }, { id: "memstore_3" }],
};

describe("the create request", () => {
  test("each store is a memory_store entry after the repositories; access and instructions only where declared", () => {
    expect(createSessionRequest(declared).resources.slice(2)).toEqual([
      { type: "memory_store", memory_store_id: "memstore_1" },
      { type: "memory_store", memory_store_id: "memstore_2", access: "read_only", instructions: "Read the runbooks first." },
      { type: "memory_store", memory_store_id: "memstore_3" },
    ]);
  });

  test("a store given by id has the identity it had before objects were allowed; how a store is used is part of it", () => {
    const byId = createIdentity({ ...inputs, memoryStoreIds: ["memstore_1"] });
    expect(createIdentity({ ...inputs, memoryStoreIds: [{ id: "memstore_1" }] })).toEqual(byId);
    expect((byId as { resources: unknown[] }).resources.at(-1)).toEqual({ type: "memory_store", memory_store_id: "memstore_1" });
    expect(createIdentity({ ...inputs, memoryStoreIds: [{ id: "memstore_1", access: "read_only" }] })).not.toEqual(byId);
  });
});

describe("diff: stores mount only at create", () => {
  const stored: SessionState = {
    ...declared,
    repositories: inputs.repositories.map((repo, index) => ({ ...repo, resourceId: `sesr_${index}` })),
    mounts: [],
    sessionId: "sess_1",
    status: "idle",
    createdAt: "2026-01-01T00:00:00Z",
    archivedAt: null,
  };
  const change = (memoryStoreIds: SessionInputs["memoryStoreIds"]) => diffSession(stored, { ...declared, memoryStoreIds });

  test("their order, and an id versus { id }, change nothing", () => {
    expect(
      change([
        { id: "memstore_3" },
        { instructions: "Read the runbooks first.", access: "read_only", id: "memstore_2" },
        { id: "memstore_1" },
      ]).changes,
    ).toBe(false);
    expect(change(["memstore_3", declared.memoryStoreIds![1], "memstore_1"]).changes).toBe(false);
  });

  test.each<[string, SessionInputs["memoryStoreIds"]]>([
    ["access changed", ["memstore_1", { id: "memstore_2", access: "read_write", instructions: "Read the runbooks first." }, "memstore_3"]],
    ["access removed", ["memstore_1", { id: "memstore_2", instructions: "Read the runbooks first." }, "memstore_3"]],
    ["access added", [{ id: "memstore_1", access: "read_write" }, declared.memoryStoreIds![1], "memstore_3"]],
    ["instructions changed", ["memstore_1", { id: "memstore_2", access: "read_only", instructions: "Other." }, "memstore_3"]],
    ["a store removed", ["memstore_1", declared.memoryStoreIds![1]]],
  ])("%s replaces the Session", (_name, stores) => {
    expect(change(stores)).toMatchObject({ changes: true, replaces: ["memoryStoreIds"] });
  });
});

describe("what the API reports: compared leniently", () => {
  const repositories: ResourceWire[] = inputs.repositories.map((repo, index) => ({
    id: `sesr_${index}`,
    type: "github_repository",
    url: repo.url,
    mount_path: repo.mountPath,
  }));
  const session = (stores: ResourceWire[], older: string[] = []): SessionWire => ({
    id: "sess_1",
    agent: { id: "agent_019e390add9f", version: 1 },
    environment_id: inputs.environmentId,
    status: "idle",
    title: inputs.title,
    metadata: inputs.metadata,
    resources: [...repositories, ...stores],
    vault_ids: [],
    memory_store_ids: older,
    created_at: "2026-01-01T00:00:00Z",
  });
  const mismatches = (stores: ResourceWire[], older: string[] = []) => {
    const remote = session(stores, older);
    return adoptionMismatches(declared, remote, remote.resources);
  };
  const echoed: ResourceWire[] = [
    { type: "memory_store", memory_store_id: "memstore_1", access: "read_write" },
    { type: "memory_store", memory_store_id: "memstore_2", access: "read_only", instructions: "Read the runbooks first." },
    { type: "memory_store", memory_store_id: "memstore_3", access: "read_write", instructions: null },
  ];
  const bare: ResourceWire[] = ["memstore_1", "memstore_2", "memstore_3"].map((id) => ({ type: "memory_store", memory_store_id: id }));

  test("entries that echo access and instructions, or echo nothing, or come as memory_store_ids, all match", () => {
    expect(mismatches(echoed)).toEqual([]);
    expect(mismatches(bare)).toEqual([]);
    expect(mismatches([], ["memstore_1", "memstore_2", "memstore_3"])).toEqual([]);
    expect(mismatches(bare.slice(1), ["memstore_1", "memstore_2"])).toEqual([]);
  });

  test("what the API echoes and the inputs declare differently is named", () => {
    const other = echoed.map((entry) => (entry.memory_store_id === "memstore_2" ? { ...entry, access: "read_write" } : entry));
    expect(mismatches(other)).toEqual([
      'its memory stores are [memstore_1, memstore_2 (access "read_write", instructions "Read the runbooks first."), memstore_3], ' +
        'not [memstore_1, memstore_2 (access "read_only", instructions "Read the runbooks first."), memstore_3]',
    ]);
    expect(mismatches(echoed.slice(0, 2))).toHaveLength(1);
  });

  test("a refresh keeps the declared stores as stored, whatever the entries echo", () => {
    const stored = sessionState(declared, session(bare), session(bare).resources);
    for (const stores of [echoed, bare]) {
      const refreshed = refreshedState(stored, session(stores), session(stores).resources);
      expect(refreshed).toEqual(stored);
      expect(diffSession(refreshed, declared).changes).toBe(false);
    }
  });
});

describe("against the emulator", () => {
  let env: Awaited<ReturnType<typeof providerAgainstEmulator>>;
  beforeEach(async () => {
    env = await providerAgainstEmulator();
  });
  afterEach(() => env.close());

  test("create attaches each store with what was declared, and a refresh then reads no change", async () => {
    const outs = await env.create(declared);
    const held = env.emulator.session(outs.sessionId)!.resources.filter((resource) => resource.type === "memory_store");
    expect(held.map(({ credentialHistory: _c, ...resource }) => resource)).toEqual([
      { type: "memory_store", memory_store_id: "memstore_1" },
      { type: "memory_store", memory_store_id: "memstore_2", access: "read_only", instructions: "Read the runbooks first." },
      { type: "memory_store", memory_store_id: "memstore_3" },
    ]);
    const read = await env.provider.read(outs.sessionId, outs);
    expect((await env.provider.diff(outs.sessionId, read.props as SessionState, declared)).changes).toBe(false);
  });

  test("a Session holding the stores as declared can be adopted; one with another access cannot", async () => {
    const seed = (access: "read_only" | "read_write") =>
      env.emulator.seedSession({
        agent: { id: "agent_019e390add9f", version: 1 },
        environment_id: inputs.environmentId,
        resources: [
          ...inputs.repositories.map((repo) => ({ url: repo.url, mount_path: repo.mountPath, authorization_token: "ghp_old" })),
          { type: "memory_store" as const, memory_store_id: "memstore_1", access: "read_write" as const },
          { type: "memory_store" as const, memory_store_id: "memstore_2", access, instructions: "Read the runbooks first." },
          { type: "memory_store" as const, memory_store_id: "memstore_3" },
        ],
      });
    const matching = seed("read_only");
    expect((await env.create({ ...declared, adoptSessionId: matching.id })).sessionId).toBe(matching.id);
    const other = seed("read_write");
    await expect(env.create({ ...declared, adoptSessionId: other.id })).rejects.toThrow(
      /its memory stores are \[.*memstore_2 \(access "read_write"/,
    );
  });
});
