import { type RunningEmulator, startEmulator } from "../../emulator";
import { CREATE_MARKER } from "../../provider/dynamic/idempotency";
import { QoderIncompleteError } from "../../provider/errors";
import type { MemoryStoreInputs } from "../../provider/memory-store/model";
import { MemoryStoreProvider } from "../../provider/memory-store/provider";

// The crash-safe create every top-level object shares (provider/dynamic/create-once.ts through
// ObjectProvider), shown on memory stores against the emulator. A create "repeated" is what the
// next `pulumi up` sends after a run was killed between the API's answer and the state write.

const TOKEN = "qoder_pat_create_once_4c1d";
const OWNER = "org/project/stack/notes";
const owned = (inputs: Partial<MemoryStoreInputs>) => ({ name: "notes", ...inputs, __owner: OWNER }) as MemoryStoreInputs;

let emulator: RunningEmulator;
let provider: MemoryStoreProvider;
let log: jest.SpyInstance;
async function start(options: { minutesBehind?: number } = {}) {
  const behind = (options.minutesBehind ?? 0) * 60_000;
  emulator = await startEmulator({ tokens: [TOKEN], now: () => new Date(Date.now() - behind) });
  provider = new MemoryStoreProvider({ apiUrl: emulator.url, token: TOKEN, maxRetries: 0 });
}
beforeEach(() => {
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(async () => {
  log.mockRestore();
  await provider?.close();
  await emulator?.close();
});

const requests = () => emulator.requests.map((r) => `${r.method} ${r.path}${r.status === 409 ? " → 409" : ""}`);
const live = () => emulator.memoryStores().filter((store) => store.archived_at === null);

test("a create repeated with the same key and body is answered with the same store, and no second one is made", async () => {
  await start();
  const first = await provider.create(owned({ description: "kept" }));
  const again = await provider.create(owned({ description: "kept" }));
  expect(again.id).toBe(first.id);
  expect(emulator.memoryStores().map((store) => store.id)).toEqual([first.id]);
  const creates = emulator.requests.filter((r) => r.method === "POST" && r.path === "/memory_stores");
  expect(creates).toHaveLength(2);
  expect(creates[0].idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
  expect(creates[1]).toMatchObject({ idempotencyKey: creates[0].idempotencyKey, idempotentReplay: true });
});

test("a replayed store made by an earlier run is read again and taken over, and the takeover is said", async () => {
  await start({ minutesBehind: 1 });
  const first = await provider.create(owned({}));
  emulator.clearRequests();
  const again = await provider.create(owned({}));
  expect(again.id).toBe(first.id);
  expect(requests()).toEqual(["POST /memory_stores", `GET /memory_stores/${first.id}`]);
  expect(log).toHaveBeenCalledWith(`Memory store ${first.id} was created by an earlier, interrupted run; taking it over.`);
  // A killed run leaves a pending create in the stack, which only a refresh that clears it removes.
  expect(log).toHaveBeenCalledWith(
    `Memory store ${first.id}: if the run that created it was killed, the stack keeps its pending create: once this run is done, clear it with \`pulumi refresh --clear-pending-creates\`.`,
  );
});

test("a repeat after in-place properties changed (409) finds the marked store by listing and takes it over with one update", async () => {
  await start();
  const first = await provider.create(owned({ name: "notes", description: "first", metadata: { team: "a", gone: "x" } }));
  emulator.clearRequests();
  const again = await provider.create(owned({ name: "renamed", description: "first", metadata: { team: "b" } }));
  expect(again.id).toBe(first.id);
  expect(requests()).toEqual(["POST /memory_stores → 409", "GET /memory_stores", `POST /memory_stores/${first.id}`]);
  expect(emulator.requests[1].query).toMatchObject({ limit: "100" });
  expect(emulator.requests[2].body).toEqual({ name: "renamed", metadata: { team: "b", gone: null } });
  expect(live()).toHaveLength(1);
  const held = emulator.memoryStore(first.id)!;
  expect(held).toMatchObject({ name: "renamed", metadata: { team: "b", [CREATE_MARKER]: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  expect(again.outs).toEqual({ name: "renamed", description: "first", metadata: { team: "b" }, __owner: OWNER });
});

test("the marker goes into the store's metadata only: never into state, a refresh or a diff", async () => {
  await start();
  const created = await provider.create(owned({ metadata: { team: "a" } }));
  expect(Object.keys(emulator.memoryStore(created.id)!.metadata).sort()).toEqual([CREATE_MARKER, "team"]);
  expect(JSON.stringify(created.outs)).not.toContain(CREATE_MARKER);
  const read = await provider.read(created.id, created.outs);
  expect(JSON.stringify(read)).not.toContain(CREATE_MARKER);
  expect(await provider.diff(created.id, read.props!, owned({ metadata: { team: "a" } }))).toMatchObject({ changes: false });
});

test("different resources with the same inputs get different stores", async () => {
  await start();
  const a = await provider.create(owned({}));
  const b = await provider.create({ ...owned({}), __owner: "org/project/stack/other" } as MemoryStoreInputs);
  expect(b.id).not.toBe(a.id);
  expect(live()).toHaveLength(2);
});

test("a replayed store changed outside Pulumi since is taken over and set back to the inputs with one update", async () => {
  await start({ minutesBehind: 1 });
  const first = await provider.create(owned({ description: "declared" }));
  emulator.updateMemoryStore(first.id, { name: "renamed in the console", description: null });
  emulator.clearRequests();
  const again = await provider.create(owned({ description: "declared" }));
  expect(again.id).toBe(first.id);
  expect(requests()).toEqual(["POST /memory_stores", `GET /memory_stores/${first.id}`, `POST /memory_stores/${first.id}`]);
  expect(emulator.requests[2].body).toEqual({ name: "notes", description: "declared" });
  expect(emulator.memoryStore(first.id)).toMatchObject({ name: "notes", description: "declared" });
});

test("a store archived by destroy is created anew by the next up, even with other in-place inputs, and a repeat of that takes the new one", async () => {
  await start();
  const first = await provider.create(owned({ description: "before" }));
  await provider.delete(first.id, first.outs!);
  emulator.clearRequests();
  const second = await provider.create(owned({ description: "after" }));
  expect(second.id).not.toBe(first.id);
  expect(requests()).toEqual(["POST /memory_stores → 409", "GET /memory_stores", "POST /memory_stores"]);
  const keys = emulator.requests.filter((r) => r.method === "POST").map((r) => r.idempotencyKey);
  expect(keys[1]).not.toBe(keys[0]);
  expect(live().map((store) => store.id)).toEqual([second.id]);

  // The run that made it was killed before its state was written: the repeat walks the same keys.
  const repeat = await provider.create(owned({ description: "after, edited again" }));
  expect(repeat.id).toBe(second.id);
  expect(live().map((store) => store.id)).toEqual([second.id]);
  expect(emulator.memoryStore(second.id)!.description).toBe("after, edited again");
});

test("a takeover whose update fails keeps what the API holds in state, so the next up sends the update again", async () => {
  await start();
  const first = await provider.create(owned({ name: "notes" }));
  emulator.setFaults([{ route: "POST /memory_stores/*", kind: "500", times: 1 }]);
  const error = (await provider.create(owned({ name: "renamed" })).catch((e: unknown) => e)) as QoderIncompleteError;
  expect(error).toBeInstanceOf(QoderIncompleteError);
  expect(error.message).toMatch(new RegExp(`Memory store ${first.id} exists but is not fully set up: .*500`));
  expect(error.properties).toMatchObject({ name: "notes" });

  // The engine keeps the object with that state, and the next up updates it.
  emulator.clearRequests();
  await provider.update(first.id, error.properties as MemoryStoreInputs, owned({ name: "renamed" }));
  expect(requests()).toEqual([`POST /memory_stores/${first.id}`]);
  expect(emulator.memoryStore(first.id)!.name).toBe("renamed");
});
