import { type RunningEmulator, startEmulator } from "../../emulator";
import { type EngineStack, rootProgramStack } from "../../engine/local-stack";
import { liveSessionIds } from "./killed-run";

const QODER_TOKEN = "qoder_pat_refresh_test_3e9a";
const repositories = [
  { url: "https://github.com/acme/backend", mountPath: "/app/backend" },
  { url: "https://github.com/acme/docs", mountPath: "/app/docs" },
];
const sessions = [
  { name: "api", agent: "agent_019e390add9f", environmentId: "env_019e2590d33f", repositories },
  { name: "web", agent: "agent_019e390add9f", environmentId: "env_019e2590d33f", repositories: repositories.slice(0, 1) },
];

let emulator: RunningEmulator;
let engine: EngineStack;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  engine = await rootProgramStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, githubToken: "ghp_refresh_test_5b6c", sessions });
  await engine.stack.up();
});
afterEach(async () => {
  await engine?.dispose();
  await emulator?.close();
});

const sessionIdsInState = async () =>
  (await engine.exportState()).deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/qoder:Session").map((r) => r.urn);

test("a mistyped API URL fails refresh and up, naming the URL, and keeps every Session in state", async () => {
  const urns = await sessionIdsInState();
  expect(urns).toHaveLength(2);
  const wrong = emulator.url.replace("/api/v1/cloud", "/api/v2/cloud");
  await engine.stack.setConfig("qoder:apiUrl", { value: wrong });
  emulator.clearRequests();

  // As `pulumi refresh --run-program`: the provider then takes the URL from the stack's config.
  await expect(engine.stack.refresh({ runProgram: true })).rejects.toThrow(/api\/v2\/cloud/);
  expect(await sessionIdsInState()).toEqual(urns);
  await expect(engine.stack.up({ refresh: true })).rejects.toThrow(/check the API URL/);
  expect(await sessionIdsInState()).toEqual(urns);
  expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);

  await engine.stack.setConfig("qoder:apiUrl", { value: emulator.url });
  expect((await engine.stack.refresh({ runProgram: true })).summary.result).toBe("succeeded");
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 3 });
  expect(liveSessionIds(emulator)).toHaveLength(2);
});

test("a repository removed from a Session behind Pulumi's back: refresh records it, preview replaces, up restores it", async () => {
  const api = emulator.sessions().find((s) => s.resources.length === 2)!;
  const docs = api.resources.find((r) => (r as { mount_path: string }).mount_path === "/app/docs")!;
  const response = await fetch(`${emulator.url}/sessions/${api.id}/resources/${docs.id}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${QODER_TOKEN}` },
  });
  expect(response.status).toBe(200);

  const refresh = await engine.stack.refresh();
  expect(refresh.summary.result).toBe("succeeded");
  const preview = await engine.stack.preview({ diff: true });
  expect(preview.changeSummary).toEqual({ replace: 1, same: 2 });
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const restored = liveSessionIds(emulator).map((id) => emulator.session(id)!);
  expect(restored.map((s) => s.resources.length).sort()).toEqual([1, 2]);
  expect(liveSessionIds(emulator)).not.toContain(api.id);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 3 });
});
