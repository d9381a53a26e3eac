import type { RunningEmulator } from "../../emulator";
import type { EngineStack } from "../../engine/local-stack";
import { type ApiGateway, startApiGateway } from "./api-gateway";
import { perTestResources } from "./per-test";
import { programStack } from "./program-stack";

// Every resource records the API it lives in and is never read, updated or deleted through another
// one (README "Recovering a stack"): a stack pointed at another deployment that accepts the same
// token fails naming both URLs instead of reading every object as gone; a move is declared with
// `qoder:apiUrlMovedFrom`.

const QODER_TOKEN = "qoder_pat_api_url_guard_4c1d";
const GITHUB_TOKEN = "ghp_api_url_guard_github_9e2a";
const MCP_TOKEN = "mcp_api_url_guard_token_3b7f";
const SECRETS = [QODER_TOKEN, GITHUB_TOKEN, MCP_TOKEN];
const QODER_TYPES = ["Agent", "Environment", "MemoryStore", "Vault", "Session"].map((kind) => `pulumi-nodejs:dynamic/qoder:${kind}`);

/** One resource of every kind, the Session using the others. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const qoder = require("pulumi-qoder");
const config = new pulumi.Config();
const environment = new qoder.Environment("sandbox", { name: "sandbox", config: { type: "cloud" } });
const agent = new qoder.Agent("fixer", { name: "fixer", model: "ultimate", system: "You fix bugs." });
const memory = new qoder.MemoryStore("notes", { name: "team-notes" });
const vault = new qoder.Vault("team", {
  displayName: "Team vault",
  credentials: [{ type: "static_bearer", mcpServerUrl: "https://mcp.github.dev", token: config.requireSecret("mcpToken") }],
});
new qoder.Session("fix", {
  agent,
  environmentId: environment.id,
  vaultIds: [vault.id],
  memoryStoreIds: [memory.id],
  repositories: [{ url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: config.requireSecret("githubToken") }],
});
`;

const { newEmulator, track } = perTestResources(
  QODER_TOKEN,
  SECRETS.flatMap((secret) => [secret, Buffer.from(secret).toString("base64")]),
);
let gateway: ApiGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function stackOn(apiUrl: string): Promise<EngineStack> {
  const config = {
    "api-url-guard:githubToken": { value: GITHUB_TOKEN, secret: true },
    "api-url-guard:mcpToken": { value: MCP_TOKEN, secret: true },
  };
  return track(await programStack({ project: "api-url-guard", program: PROGRAM, qoderToken: QODER_TOKEN, apiUrl, config }));
}

/** Each Qoder resource in state, by type: its id and the API URL it records. */
async function qoderResources(engine: EngineStack) {
  const { deployment } = await engine.exportState();
  return deployment.resources
    .filter((resource) => QODER_TYPES.includes(resource.type))
    .map((resource) => ({ type: resource.type, id: (resource as { id?: string }).id, apiUrl: resource.outputs?.apiUrl }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

const withUrl = (resources: { type: string; id?: string }[], apiUrl: string) => resources.map((resource) => ({ ...resource, apiUrl }));

test("refresh --run-program against another API that accepts the token fails naming both URLs and drops nothing; a declared move goes through", async () => {
  const home = await newEmulator();
  const other: RunningEmulator = await newEmulator();
  const engine = await stackOn(home.url);
  expect((await engine.stack.up()).summary.resourceChanges).toEqual({ create: 6 });
  const created = await qoderResources(engine);
  expect(created.map((resource) => resource.type).sort()).toEqual([...QODER_TYPES].sort());
  expect(created).toEqual(withUrl(created, home.url));

  // Pointed at another deployment: every id would answer 404 there.
  await engine.stack.setConfig("qoder:apiUrl", { value: other.url });
  const refused = String(await engine.stack.refresh({ runProgram: true }).catch((error: Error) => error));
  expect(refused).toMatch(/lives in the API at (\S+), but the provider is set to (\S+);/);
  expect(refused).toContain(`lives in the API at ${home.url}, but the provider is set to ${other.url}`);
  expect(refused).toContain(`pulumi config set qoder:apiUrlMovedFrom ${home.url}`);
  expect(await qoderResources(engine)).toEqual(created);
  // Destroy is refused the same way, before any request.
  const destroy = String(await engine.stack.destroy({ runProgram: true }).catch((error: Error) => error));
  expect(destroy).toContain(`lives in the API at ${home.url}, but the provider is set to ${other.url}`);
  expect(await qoderResources(engine)).toEqual(created);
  expect(other.requests).toEqual([]);
  expect(home.memoryStores().map((store) => store.archived_at)).toEqual([null]);

  // The same objects under a new address, the move declared: refresh reads them there and records it.
  gateway = await startApiGateway(home.url);
  await engine.stack.setConfig("qoder:apiUrl", { value: gateway.url });
  expect(String(await engine.stack.refresh({ runProgram: true }).catch((error: Error) => error))).toContain(
    `lives in the API at ${home.url}, but the provider is set to ${gateway.url}`,
  );
  await engine.stack.setConfig("qoder:apiUrlMovedFrom", { value: home.url });
  const moved = await engine.stack.refresh({ runProgram: true });
  expect(moved.summary.result).toBe("succeeded");
  expect(moved.summary.resourceChanges?.delete ?? 0).toBe(0);
  expect(await qoderResources(engine)).toEqual(withUrl(created, gateway.url));

  // Once recorded, the setting is no longer needed.
  await engine.stack.removeConfig("qoder:apiUrlMovedFrom");
  expect((await engine.stack.refresh({ runProgram: true })).summary.result).toBe("succeeded");
  await engine.stack.preview({ expectNoChanges: true });
  expect(await qoderResources(engine)).toEqual(withUrl(created, gateway.url));
});
