import type { RunningEmulator } from "../../emulator";
import type { EngineStack } from "../../engine/local-stack";
import { perTestResources } from "./per-test";
import { programStack } from "./program-stack";

// A vault credential deleted outside Pulumi, then given a new secret in the program, with no
// refresh in between: the rotation is answered 404. The next `up` makes the credential again and
// records its new id, rather than failing the same way on every run.

const QODER_TOKEN = "qoder_pat_vault_healing_engine_2d4b";
const FIRST = "mcp_github_token_healing_first_5a1c";
const NEXT = "mcp_github_token_healing_next_8f3e";
const NPM_VALUE = "npm_secret_value_healing_6c0d";
const VAULT_TYPE = "pulumi-nodejs:dynamic/qoder:Vault";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { Vault } = require("pulumi-qoder");
const config = new pulumi.Config();
const vault = new Vault("team", {
  displayName: "Team vault",
  credentials: [
    { type: "static_bearer", mcpServerUrl: "https://mcp.github.dev", token: config.requireSecret("githubMcpToken") },
    { type: "environment_variable", secretName: "NPM_TOKEN", secretValue: config.requireSecret("npmValue") },
  ],
});
exports.vaultId = vault.id;
`;

const { newEmulator, track } = perTestResources(
  QODER_TOKEN,
  [QODER_TOKEN, FIRST, NEXT, NPM_VALUE].flatMap((secret) => [secret, Buffer.from(secret).toString("base64")]),
);

async function vaultStack(emulator: RunningEmulator): Promise<EngineStack> {
  const config = { "vaults:githubMcpToken": { value: FIRST, secret: true }, "vaults:npmValue": { value: NPM_VALUE, secret: true } };
  return track(await programStack({ project: "vaults", program: PROGRAM, qoderToken: QODER_TOKEN, apiUrl: emulator.url, config }));
}

const credentialIdsInState = async (engine: EngineStack) => {
  const { deployment } = await engine.exportState();
  const vault = deployment.resources.find((resource) => resource.type === VAULT_TYPE)!;
  return (vault.outputs!.credentials as { credentialId: string }[]).map((credential) => credential.credentialId);
};
const writes = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.method !== "GET").map((request) => `${request.method} ${request.path}`);

test("a credential deleted outside Pulumi, then rotated in the program: up makes it again with the new secret, and the stack is not stuck", async () => {
  const emulator = await newEmulator();
  const engine = await vaultStack(emulator);
  await engine.stack.up();
  const vaultId = (await engine.stack.outputs()).vaultId.value as string;
  const [githubId, npmId] = await credentialIdsInState(engine);

  emulator.deleteVaultCredential(vaultId, githubId);
  await engine.stack.setConfig("vaults:githubMcpToken", { value: NEXT, secret: true });
  emulator.clearRequests();
  const up = await engine.stack.up();
  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 });
  expect(up.stdout).toContain(`credential ${githubId} no longer exists (deleted or archived outside Pulumi); creating it again.`);
  // The refused rotation, then the crash-safe create: its first key is the deleted credential's
  // (refused: another secret), the next one makes the new credential.
  expect(writes(emulator)).toEqual([
    `POST /vaults/${vaultId}/credentials/${githubId}`,
    `POST /vaults/${vaultId}/credentials`,
    `POST /vaults/${vaultId}/credentials`,
  ]);

  const [newId, keptId] = await credentialIdsInState(engine);
  expect(keptId).toBe(npmId);
  expect(newId).not.toBe(githubId);
  expect(emulator.vault(vaultId)!.credentials.map((credential) => [credential.id, credential.secretHistory])).toEqual([
    [npmId, [NPM_VALUE]],
    [newId, [NEXT]],
  ]);

  emulator.clearRequests();
  await engine.stack.preview({ expectNoChanges: true });
  expect((await engine.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
  expect(writes(emulator)).toEqual([]);
  expect((await engine.stack.refresh()).summary.result).toBe("succeeded");
  expect(await credentialIdsInState(engine)).toEqual([newId, npmId]);
});
