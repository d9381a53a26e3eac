import type { RunningEmulator } from "../../emulator";
import { type EngineStack, objectsStack, setDeclaredObjects } from "../../engine/local-stack";
import { apiCalls, perTestResources } from "./per-test";

// MemoryStore through the real CLI against the emulator: what reaches the API, what the preview
// says, and what state holds, for create, in-place update, refresh, and destroy.

const QODER_TOKEN = "qoder_pat_memory_store_2f8e";
const MARKER = "pulumi-qoder-create";
const TYPE = "pulumi-nodejs:dynamic/qoder:MemoryStore";
const resources = perTestResources(QODER_TOKEN, [QODER_TOKEN]);

const store = (args: Record<string, unknown>) => ({ kind: "MemoryStore", name: "notes", args: { name: "team-notes", ...args } });
const declared = store({ description: "What the team learnt", metadata: { team: "platform", owner: "ana" } });

let emulator: RunningEmulator;
let engine: EngineStack;
beforeEach(async () => {
  emulator = await resources.newEmulator();
  engine = resources.track(await objectsStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, objects: [declared] }));
});

const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => ({ call: `${r.method} ${r.path}`, body: r.body }));
const storeInState = async () => (await engine.exportState()).deployment.resources.find((r) => r.type === TYPE);

test("create sends the declared store with the create marker, which never shows in state or outputs", async () => {
  expect((await engine.stack.up()).summary.resourceChanges).toEqual({ create: 2 });
  const [held] = emulator.memoryStores();
  expect(writes()).toEqual([
    {
      call: "POST /memory_stores",
      body: {
        name: "team-notes",
        description: "What the team learnt",
        metadata: { team: "platform", owner: "ana", [MARKER]: expect.any(String) },
      },
    },
  ]);
  expect(held.metadata[MARKER]).toMatch(/^[0-9a-f]{64}$/);

  const outputs = await engine.stack.outputs();
  expect(outputs.ids.value).toEqual({ notes: held.id });
  expect(outputs.outputs.value.notes).toEqual({
    name: "team-notes",
    description: "What the team learnt",
    metadata: { team: "platform", owner: "ana" },
  });
  const state = await storeInState();
  expect(state?.outputs).toMatchObject({ name: "team-notes", metadata: { team: "platform", owner: "ana" } });
  expect(JSON.stringify(await engine.exportState())).not.toContain(MARKER);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("name, description and metadata change in place: the preview shows an update, and up sends one patch with a removed key as null", async () => {
  await engine.stack.up();
  const [held] = emulator.memoryStores();
  await setDeclaredObjects(engine, [store({ name: "team-memory", description: "Renamed", metadata: { team: "infra" } })]);
  emulator.clearRequests();

  const preview = await engine.stack.preview({ diff: true });
  expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
  expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:MemoryStore: \(update\)/);
  expect(preview.stdout).toMatch(/~ name\s*: "team-notes" => "team-memory"/);
  expect(preview.stdout).toMatch(/- owner: "ana"/);
  expect(apiCalls(emulator)).toEqual([]);

  expect((await engine.stack.up()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
  expect(writes()).toEqual([
    {
      call: `POST /memory_stores/${held.id}`,
      body: { name: "team-memory", description: "Renamed", metadata: { team: "infra", owner: null } },
    },
  ]);
  expect(emulator.memoryStore(held.id)).toMatchObject({
    name: "team-memory",
    metadata: { team: "infra", [MARKER]: held.metadata[MARKER] },
  });
  expect(emulator.memoryStores()).toHaveLength(1);
});

test("a change made outside Pulumi: refresh records it, the preview shows it as drift, and up sets the store back", async () => {
  await engine.stack.up();
  const [held] = emulator.memoryStores();
  emulator.updateMemoryStore(held.id, { description: "edited in the console", metadata: { extra: "x" } });

  expect((await engine.stack.refresh()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
  expect((await storeInState())?.outputs).toMatchObject({ description: "edited in the console", metadata: { extra: "x" } });
  const preview = await engine.stack.preview({ diff: true });
  expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
  expect(preview.stdout).toMatch(/~ description\s*: "edited in the console" => "What the team learnt"/);
  expect(preview.stdout).toMatch(/- extra\s*: "x"/);

  emulator.clearRequests();
  await engine.stack.up();
  expect(writes()).toEqual([
    { call: `POST /memory_stores/${held.id}`, body: { description: "What the team learnt", metadata: { extra: null } } },
  ]);
  expect(emulator.memoryStore(held.id)).toMatchObject({
    description: "What the team learnt",
    metadata: { team: "platform", owner: "ana" },
  });
});

test("a store archived outside Pulumi reads as gone on refresh, and up creates it again", async () => {
  await engine.stack.up();
  const [archived] = emulator.memoryStores();
  emulator.archiveMemoryStore(archived.id);

  expect((await engine.stack.refresh()).summary.resourceChanges).toEqual({ delete: 1, same: 1 });
  expect(await storeInState()).toBeUndefined();
  expect((await engine.stack.preview()).changeSummary).toEqual({ create: 1, same: 1 });
  expect((await engine.stack.up()).summary.resourceChanges).toEqual({ create: 1, same: 1 });
  const live = emulator.memoryStores().filter((s) => s.archived_at === null);
  expect(live).toHaveLength(1);
  expect(live[0].id).not.toBe(archived.id);
  expect((await engine.stack.outputs()).ids.value).toEqual({ notes: live[0].id });
});

test("destroy archives the store by default, and deletes it with deletionMode delete", async () => {
  const kept = store({});
  const deleted = { kind: "MemoryStore", name: "scratch", args: { name: "scratch", deletionMode: "delete" } };
  await setDeclaredObjects(engine, [kept, deleted]);
  await engine.stack.up();
  const ids = (await engine.stack.outputs()).ids.value as Record<string, string>;
  emulator.clearRequests();

  expect((await engine.stack.destroy()).summary.resourceChanges).toEqual({ delete: 3 });
  expect(
    writes()
      .map((w) => w.call)
      .sort(),
  ).toEqual([`DELETE /memory_stores/${ids.scratch}`, `POST /memory_stores/${ids.notes}/archive`].sort());
  expect(emulator.memoryStore(ids.notes)?.archived_at).toEqual(expect.any(String));
  expect(emulator.memoryStore(ids.scratch)).toBeUndefined();
  expect((await engine.exportState()).deployment.resources ?? []).toEqual([]);

  // Declared again the same day with another description: the create's key was used with the old
  // body (409), its store is archived, so a new one is made.
  await setDeclaredObjects(engine, [store({ description: "second life" })]);
  expect((await engine.stack.up()).summary.resourceChanges).toEqual({ create: 2 });
  const live = emulator.memoryStores().filter((s) => s.archived_at === null);
  expect(live.map((s) => s.description)).toEqual(["second life"]);
});

test("bad inputs are refused at preview, naming the property, before any request", async () => {
  await setDeclaredObjects(engine, [store({ name: "", metadata: { "": "x" }, deletionMode: "purge", colour: "blue" })]);
  const refused = String(await engine.stack.preview().catch((e: Error) => e));
  expect(refused).toMatch(/property name .*has a problem: must not be empty/);
  expect(refused).toMatch(/property metadata\[""\] .*has a problem: metadata keys must not be empty/);
  expect(refused).toMatch(/property deletionMode .*has a problem: must be "archive" or "delete"/);
  expect(refused).toMatch(/has unknown field\(s\) "colour"; expected name, description, metadata, deletionMode/);
  expect(emulator.requests).toEqual([]);
});
