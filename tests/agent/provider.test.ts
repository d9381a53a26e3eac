import { type RunningEmulator, startEmulator } from "../../emulator";
import type { AgentInputs, AgentState } from "../../provider/agent/model";
import { AgentProvider } from "../../provider/agent/provider";
import { CREATE_MARKER, OWNER_KEY } from "../../provider/dynamic/idempotency";
import { QoderMismatchError } from "../../provider/errors";
import { full, fullOnTheWire } from "./invalid-inputs";

const QODER_TOKEN = "qoder_pat_agent_provider_5d1e";
const inputs = full as AgentInputs;

let emulator: RunningEmulator;
let provider: AgentProvider;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  provider = new AgentProvider({ apiUrl: emulator.url, token: QODER_TOKEN, maxRetries: 1 });
});
afterEach(async () => {
  await provider.close();
  await emulator.close();
});

const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
const create = async (args: Record<string, unknown> = inputs) => {
  const { id, outs } = await provider.create(args as AgentInputs);
  emulator.clearRequests();
  return { id, outs: outs as AgentState };
};

describe("create", () => {
  test("one POST /agents with the inputs in snake_case; version 1 is an output", async () => {
    const { id, outs } = await provider.create(inputs);
    expect(writes()).toEqual(["POST /agents"]);
    expect(emulator.requests[0].idempotencyKey).toBeDefined();
    expect(emulator.requests[0].body).toEqual(fullOnTheWire);
    expect(outs).toEqual({ ...inputs, version: 1 });
    expect(emulator.agent(id)).toEqual(expect.objectContaining({ version: 1, name: "reviewer" }));
  });

  test("an interrupted run's agent with other settings is taken over and brought to the inputs by a versioned update", async () => {
    const owner = { [OWNER_KEY]: "org/project/stack/reviewer" };
    const first = await create({ ...inputs, ...owner, system: "The interrupted run's prompt." });
    const { id, outs } = await provider.create({ ...inputs, ...owner } as AgentInputs);
    expect(id).toBe(first.id);
    expect(writes()).toEqual(["POST /agents", `POST /agents/${id}`]);
    expect(emulator.requests.find((r) => r.path === `/agents/${id}`)!.body).toEqual({ system: "You review pull requests.", version: 1 });
    expect(emulator.agents()).toHaveLength(1);
    expect(outs!.version).toBe(2);
    expect(emulator.agent(id)!.metadata).toEqual({ team: "platform", [CREATE_MARKER]: expect.any(String) });
  });
});

describe("update", () => {
  test("POST /agents/{id} with the changed fields and the version in state; the new version is the output", async () => {
    const { id, outs } = await create();
    const news = { ...inputs, system: "You review carefully.", metadata: { team: "platform", owner: "ci" } };
    const result = await provider.update(id, outs, news);
    expect(writes()).toEqual([`POST /agents/${id}`]);
    expect(emulator.requests[0].body).toEqual({ system: "You review carefully.", metadata: { owner: "ci" }, version: 1 });
    expect(result.outs).toEqual({ ...news, version: 2 });
    expect(emulator.agent(id)!.versions.map((v) => v.system)).toEqual(["You review pull requests.", "You review carefully."]);
  });

  test("nothing changed: no request, the version kept", async () => {
    const { id, outs } = await create();
    expect((await provider.update(id, outs, { ...inputs })).outs).toEqual({ ...inputs, version: 1 });
    expect(writes()).toEqual([]);
  });

  test("a change made outside Pulumi since: refused with 409, both versions named, nothing retried or overwritten", async () => {
    const { id, outs } = await create();
    emulator.updateAgent(id, { system: "Changed in the console." });
    emulator.clearRequests();
    const error = await provider.update(id, outs, { ...inputs, name: "renamed" }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(QoderMismatchError);
    expect((error as Error).message).toBe(
      `Agent ${id} was changed outside Pulumi: the stack's state holds version 1, the API holds version 2. ` +
        "Nothing was changed. Run `pulumi refresh --run-program` to take that change into the stack's state, then `pulumi up` to apply the program to it",
    );
    expect(emulator.requests.map((r) => [`${r.method} ${r.path}`, r.status])).toEqual([
      [`POST /agents/${id}`, 409],
      [`GET /agents/${id}`, 200],
    ]);
    expect(emulator.agent(id)).toEqual(expect.objectContaining({ version: 2, name: "reviewer", system: "Changed in the console." }));
  });

  test("an update the API already applied (a run killed before state recorded it) is taken as done, not as a conflict", async () => {
    const { id, outs } = await create();
    const news = { ...inputs, system: "You review carefully." };
    emulator.updateAgent(id, { system: "You review carefully." });
    emulator.clearRequests();
    const result = await provider.update(id, outs, news);
    expect(result.outs).toEqual({ ...news, version: 2 });
    expect(emulator.requests.map((r) => [`${r.method} ${r.path}`, r.status])).toEqual([
      [`POST /agents/${id}`, 409],
      [`GET /agents/${id}`, 200],
    ]);
    expect(emulator.agent(id)!.version).toBe(2);
  });

  test("one version later but not what the program asks for is still a conflict", async () => {
    const { id, outs } = await create();
    emulator.updateAgent(id, { system: "You review carefully.", description: "Changed in the console." });
    const error = await provider.update(id, outs, { ...inputs, system: "You review carefully." }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/the stack's state holds version 1, the API holds version 2/);
  });

  test("what the program asks for, but more than one version later, is a conflict: others changed it in between", async () => {
    const { id, outs } = await create();
    emulator.updateAgent(id, { system: "Changed in the console." });
    emulator.updateAgent(id, { system: "You review carefully." });
    const error = await provider.update(id, outs, { ...inputs, system: "You review carefully." }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/the stack's state holds version 1, the API holds version 3/);
  });
});

describe("refresh", () => {
  test("a change made outside Pulumi is recorded with the new version; the inputs carry no version", async () => {
    const { id, outs } = await create();
    emulator.updateAgent(id, { system: "Changed in the console.", tools: [{ type: "agent_toolset_20260401", enabled_tools: ["read"] }] });
    const read = await provider.read(id, outs);
    const tools = [{ type: "agent_toolset_20260401", enabledTools: ["read"] }];
    expect(read.props).toEqual({ ...inputs, system: "Changed in the console.", tools, version: 2 });
    expect(read.inputs).toEqual({ ...inputs, system: "Changed in the console.", tools });
  });

  test("an agent left alone reads back as stored", async () => {
    const { id, outs } = await create();
    expect((await provider.read(id, outs)).props).toEqual(outs);
  });

  test("an archived agent is gone", async () => {
    const { id, outs } = await create();
    emulator.archiveAgent(id);
    expect((await provider.read(id, outs)).id).toBe("");
  });
});

describe("destroy", () => {
  test("POST /agents/{id}/archive: the API has no delete", async () => {
    const { id, outs } = await create();
    await provider.delete(id, outs);
    expect(writes()).toEqual([`POST /agents/${id}/archive`]);
    expect(emulator.agent(id)!.archived_at).toEqual(expect.any(String));
  });
});
