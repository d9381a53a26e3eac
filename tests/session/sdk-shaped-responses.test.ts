import { SessionProvider } from "../../provider/session/provider";
import type { SessionState } from "../../provider/session/state";
import { closeAll, loopback, QODER_TOKEN } from "../api/loopback-api";

// Responses written after the official TypeScript SDK's types and contract fixtures
// (docs/api-contract.md#sessions, #session-resources): members this provider does not use, a
// memory store entry without id or created_at, a file entry, and a checkout naming no branch.

const SESSION_ID = "sess_019e7a1c2b3d4e5f6a7b8c9d0e1f2a3b";

const backend = {
  id: "sesr_0e4323e8f47ba34853f5409e",
  type: "github_repository",
  url: "https://github.com/acme/backend",
  mount_path: "/data/workspace/backend",
  checkout: { type: "branch" },
  created_at: "2026-06-23T05:53:19.774840Z",
  updated_at: "2026-06-23T06:01:42.124501Z",
};
const pinned = {
  id: "sesr_1f5434f9a58cb45964f6510f",
  type: "github_repository",
  url: "https://github.com/acme/web",
  mount_path: "/data/workspace/web",
  checkout: { type: "commit", sha: "a".repeat(40) },
  created_at: "2026-06-23T05:53:19.774840Z",
  updated_at: "2026-06-23T05:53:19.774840Z",
};
const memoryStore = { type: "memory_store", memory_store_id: "memstore_01notes", access: "read_write", instructions: "Read first." };
const file = {
  id: "sesr_2a6545aab69dc56a75a7621a",
  type: "file",
  file_id: "file_011CNha8iCJcU1wXNR6q4V8w",
  mount_path: "/mnt/session/uploads/file_011CNha8iCJcU1wXNR6q4V8w",
  created_at: "2026-06-23T05:53:19.774840Z",
  updated_at: "2026-06-23T05:53:19.774840Z",
};

const sdkSession = {
  id: SESSION_ID,
  type: "session",
  agent: {
    id: "agent_019e390add9f",
    type: "agent",
    version: 3,
    name: "Reviewer",
    description: "Reviews pull requests",
    model: "qoder-pro",
    system: "You review code.",
    tools: [{ type: "agent_toolset_20260401", enabled_tools: ["bash", "read"] }],
    skills: [],
    mcp_servers: [{ name: "docs", url: "https://mcp.example/docs" }],
  },
  environment_id: "env_019e2590d33f",
  status: "idle",
  title: "Fix bug in backend",
  metadata: { team: "platform" },
  resources: [backend, memoryStore, pinned, file],
  vault_ids: ["vault_01a"],
  deployment_id: null,
  environment_variables: { LOG_LEVEL: "debug" },
  usage: { input_tokens: 1200, output_tokens: 340, cache_read_input_tokens: 0 },
  stats: { turns: 2, tool_calls: 5 },
  budget: { type: "limit", max_list_cost: { amount: "5.00", currency: "USD" } },
  outcome_evaluations: [],
  archived_at: null,
  created_at: "2026-06-23T05:53:19.774840Z",
  updated_at: "2026-06-23T06:01:42.124501Z",
};

const declared = {
  agent: { id: "agent_019e390add9f", version: 3 },
  environmentId: "env_019e2590d33f",
  title: "Fix bug in backend",
  metadata: { team: "platform" },
  vaultIds: ["vault_01a"],
  memoryStoreIds: ["memstore_01notes"],
  repositories: [
    { url: "https://github.com/acme/backend", authorizationToken: "ghp_sdk_shape_1" },
    {
      url: "https://github.com/acme/web",
      mountPath: "/data/workspace/web",
      authorizationToken: "ghp_sdk_shape_2",
      checkout: { commit: "a".repeat(40) },
    },
  ],
};

afterEach(closeAll);

async function providerFor(...replies: Parameters<typeof loopback>) {
  const api = await loopback(...replies);
  return { api, provider: new SessionProvider({ apiUrl: api.url, token: QODER_TOKEN, maxRetries: 0 }) };
}

test("a create answered with an SDK-shaped Session stores both repositories, the default branch as no checkout", async () => {
  const { api, provider } = await providerFor({ status: 201, body: sdkSession });
  const { id, outs } = await provider.create(declared as never);
  const state = outs as SessionState;
  expect(id).toBe(SESSION_ID);
  expect(state.repositories.map((repo) => repo.resourceId)).toEqual([backend.id, pinned.id]);
  expect(state.mounts).toEqual([
    { url: backend.url, mountPath: "/data/workspace/backend", checkout: null, resourceId: backend.id },
    { url: pinned.url, mountPath: "/data/workspace/web", checkout: { commit: "a".repeat(40) }, resourceId: pinned.id },
  ]);
  const sent = JSON.parse(api.received[0].body);
  expect(sent.resources).toContainEqual({ type: "memory_store", memory_store_id: "memstore_01notes" });
  expect(sent).not.toHaveProperty("memory_store_ids");
});

test("a refresh of an SDK-shaped Session is one request and records no drift", async () => {
  const { api, provider } = await providerFor({ status: 201, body: sdkSession }, { status: 200, body: sdkSession });
  const { outs } = await provider.create(declared as never);
  api.received.length = 0;
  const read = await provider.read(SESSION_ID, outs as SessionState);
  expect(api.received.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/cloud/sessions/${SESSION_ID}`]);
  expect(read.props).toEqual(outs);
  expect((await provider.diff(SESSION_ID, read.props as SessionState, declared as never)).changes).toBe(false);
});

test("a Session taken over is matched against its memory store entries as well as any memory_store_ids", async () => {
  const legacy = { ...sdkSession, resources: [backend, pinned, file], memory_store_ids: ["memstore_01notes"] };
  for (const session of [sdkSession, legacy]) {
    const { provider } = await providerFor(
      { status: 200, body: session },
      { status: 200, body: { data: session.resources, next_page: null, has_more: false } },
      (request) => ({ status: 200, body: request.path.endsWith(SESSION_ID) ? session : { ...backend } }),
    );
    const { id } = await provider.create({ ...declared, title: undefined, metadata: undefined, adoptSessionId: SESSION_ID } as never);
    expect(id).toBe(SESSION_ID);
  }
});

test("when the Session's own resources miss a declared repository, the resource list is read across its pages", async () => {
  const truncated = { ...sdkSession, resources: [backend] };
  const { api, provider } = await providerFor(
    { status: 201, body: sdkSession },
    { status: 200, body: truncated },
    { status: 200, body: { data: [backend, memoryStore], next_page: "page-2", has_more: true } },
    { status: 200, body: { data: [pinned, file], next_page: null, has_more: false } },
  );
  const { outs } = await provider.create(declared as never);
  api.received.length = 0;
  const read = await provider.read(SESSION_ID, outs as SessionState);
  expect(api.received.map((r) => `${r.method} ${r.path} ${r.query.get("page") ?? ""}`.trim())).toEqual([
    `GET /api/v1/cloud/sessions/${SESSION_ID}`,
    `GET /api/v1/cloud/sessions/${SESSION_ID}/resources`,
    `GET /api/v1/cloud/sessions/${SESSION_ID}/resources page-2`,
  ]);
  expect((read.props as SessionState).repositories.map((repo) => repo.resourceId)).toEqual([backend.id, pinned.id]);
});
