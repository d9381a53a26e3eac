import type { RunningEmulator } from "../../emulator";
import type { EngineStack } from "../../engine/local-stack";
import { apiCalls, perTestResources } from "./per-test";
import { secretForms, vaultProgramStack } from "./vault-program";

const QODER_TOKEN = "qoder_pat_vault_engine_8e1f";
const GITHUB_MCP_TOKEN = "mcp_github_token_first_4a7b";
const GITHUB_MCP_NEXT = "mcp_github_token_next_9c2d";
const NPM_VALUE = "npm_secret_value_first_3e5f";
const LINEAR_MCP_TOKEN = "mcp_linear_token_first_6b8a";
const SECRETS = [QODER_TOKEN, GITHUB_MCP_TOKEN, GITHUB_MCP_NEXT, NPM_VALUE, LINEAR_MCP_TOKEN];
const VAULT_TYPE = "pulumi-nodejs:dynamic/qoder:Vault";

const github = { type: "static_bearer", mcpServerUrl: "https://mcp.github.dev/v1", secretKey: "githubMcpToken" };
const npm = { type: "environment_variable", secretName: "NPM_TOKEN", secretKey: "npmValue" };
const linear = { type: "static_bearer", mcpServerUrl: "https://mcp.linear.dev", secretKey: "linearMcpToken" };
const vault = (credentials: object[], displayName = "Team vault") => ({ displayName, metadata: { team: "platform" }, credentials });

const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRETS.flatMap(secretForms));

async function vaultStack(emulator: RunningEmulator, declared: object, secrets: Record<string, string> = {}): Promise<EngineStack> {
  const secretConfig = { githubMcpToken: GITHUB_MCP_TOKEN, npmValue: NPM_VALUE, linearMcpToken: LINEAR_MCP_TOKEN, ...secrets };
  return track(await vaultProgramStack({ emulator, qoderToken: QODER_TOKEN, declared, secrets: secretConfig }));
}

const writes = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.method !== "GET").map((request) => `${request.method} ${request.path}`);
const vaultIdOf = async (engine: EngineStack) => (await engine.stack.outputs()).vaultId.value as string;

test("a create sends the secrets to the API and nowhere else; a new token previews and runs as one rotation", async () => {
  const emulator = await newEmulator();
  const engine = await vaultStack(emulator, vault([github, npm]));
  await engine.stack.up();

  const id = await vaultIdOf(engine);
  const created = emulator.vault(id)!;
  expect(created.display_name).toBe("Team vault");
  expect(created.credentials.map((credential) => [credential.auth, credential.secretHistory])).toEqual([
    [{ type: "static_bearer", mcp_server_url: "https://mcp.github.dev/v1" }, [GITHUB_MCP_TOKEN]],
    [
      {
        type: "environment_variable",
        secret_name: "NPM_TOKEN",
        networking: { type: "unrestricted" },
        injection_location: { body: false, header: true },
      },
      [NPM_VALUE],
    ],
  ]);
  const bodies = JSON.stringify(emulator.requests.map((request) => request.body));
  expect(bodies).toContain(GITHUB_MCP_TOKEN);
  expect(bodies).toContain(NPM_VALUE);

  // The stored state: credentials with their ids in plaintext, the secrets only as ciphertext.
  const state = await engine.exportState();
  const stored = state.deployment.resources.find((resource) => resource.type === VAULT_TYPE)!;
  expect(stored.outputs!.credentials).toEqual([
    expect.objectContaining({ mcpServerUrl: github.mcpServerUrl, credentialId: created.credentials[0].id }),
    expect.objectContaining({ secretName: "NPM_TOKEN", credentialId: created.credentials[1].id }),
  ]);
  expect(stored.outputs!.credentialSecrets).toHaveProperty("ciphertext");
  const text = JSON.stringify(state);
  for (const secret of [GITHUB_MCP_TOKEN, NPM_VALUE]) for (const form of secretForms(secret)) expect(text).not.toContain(form);

  await engine.stack.setConfig("vaults:githubMcpToken", { value: GITHUB_MCP_NEXT, secret: true });
  emulator.clearRequests();
  const { stdout } = await engine.stack.preview({ diff: true });
  expect(stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Vault: \(update\)/);
  expect(stdout).not.toMatch(/\(replace\)/);
  // Which credential's token changes shows by its fingerprint, next to its URL; the other stays.
  expect(stdout).toMatch(
    /mcpServerUrl\s*: "https:\/\/mcp\.github\.dev\/v1"\s*\n\s*~ tokenFingerprint\s*: "[0-9a-f]{12}" => "[0-9a-f]{12}"/,
  );
  expect(stdout).not.toMatch(/~ secretValueFingerprint/);
  expect(apiCalls(emulator)).toEqual([]);

  await engine.stack.up();
  expect(writes(emulator)).toEqual([`POST /vaults/${id}/credentials/${created.credentials[0].id}`]);
  expect(emulator.vault(id)!.credentials.map((credential) => credential.secretHistory)).toEqual([
    [GITHUB_MCP_TOKEN, GITHUB_MCP_NEXT],
    [NPM_VALUE],
  ]);
  expect(await vaultIdOf(engine)).toBe(id);
  const rotated = JSON.stringify(await engine.exportState());
  for (const form of secretForms(GITHUB_MCP_NEXT)) expect(rotated).not.toContain(form);
});

test("a new display name replaces the vault: a new one with its credentials, the old one archived", async () => {
  const emulator = await newEmulator();
  const engine = await vaultStack(emulator, vault([github, npm]));
  await engine.stack.up();
  const oldId = await vaultIdOf(engine);

  await engine.stack.setConfig("vaults:vault", { value: JSON.stringify(vault([github, npm], "Platform vault")) });
  const { stdout } = await engine.stack.preview({ diff: true });
  expect(stdout).toMatch(/\+-pulumi-nodejs:dynamic\/qoder:Vault: \(replace\)/);
  expect(stdout).toMatch(/~ displayName\s*: "Team vault" => "Platform vault"/);

  await engine.stack.up();
  const newId = await vaultIdOf(engine);
  expect(newId).not.toBe(oldId);
  expect(emulator.vault(oldId)!.archived_at).toEqual(expect.any(String));
  const replacement = emulator.vault(newId)!;
  expect(replacement).toEqual(expect.objectContaining({ display_name: "Platform vault", archived_at: null }));
  expect(replacement.credentials.map((credential) => [credential.auth, credential.secretHistory])).toEqual([
    [{ type: "static_bearer", mcp_server_url: "https://mcp.github.dev/v1" }, [GITHUB_MCP_TOKEN]],
    [
      {
        type: "environment_variable",
        secret_name: "NPM_TOKEN",
        networking: { type: "unrestricted" },
        injection_location: { body: false, header: true },
      },
      [NPM_VALUE],
    ],
  ]);
});

test("credentials are added and removed in place; one deleted outside Pulumi comes back after a refresh; destroy archives", async () => {
  const emulator = await newEmulator();
  const engine = await vaultStack(emulator, vault([github, npm]));
  await engine.stack.up();
  const id = await vaultIdOf(engine);
  const [githubId, npmId] = emulator.vault(id)!.credentials.map((credential) => credential.id);

  await engine.stack.setConfig("vaults:vault", { value: JSON.stringify(vault([github, linear])) });
  const preview = await engine.stack.preview({ diff: true });
  expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Vault: \(update\)/);
  // The engine compares the lists by position: entry [1] turns from the variable into the new token.
  expect(preview.stdout).toMatch(/- secretName\s*: "NPM_TOKEN"/);
  expect(preview.stdout).toMatch(/\+ mcpServerUrl\s*: "https:\/\/mcp\.linear\.dev"/);
  expect(preview.stdout).not.toMatch(/\(replace\)/);
  emulator.clearRequests();
  await engine.stack.up();
  expect(writes(emulator).sort()).toEqual([`DELETE /vaults/${id}/credentials/${npmId}`, `POST /vaults/${id}/credentials`].sort());
  expect(await vaultIdOf(engine)).toBe(id);
  const live = emulator.vault(id)!.credentials;
  expect(live.map((credential) => credential.auth)).toEqual([
    { type: "static_bearer", mcp_server_url: "https://mcp.github.dev/v1" },
    { type: "static_bearer", mcp_server_url: "https://mcp.linear.dev" },
  ]);
  const linearId = live[1].id;

  emulator.deleteVaultCredential(id, linearId);
  await engine.stack.refresh();
  const comeBack = await engine.stack.preview({ diff: true });
  expect(comeBack.stdout).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Vault: \(update\)/);
  expect(comeBack.stdout).toMatch(/\+ \[1\]: \{[^}]*mcpServerUrl\s*: "https:\/\/mcp\.linear\.dev"/s);
  emulator.clearRequests();
  await engine.stack.up();
  // The first create is answered with a replay of the deleted credential's (same key, same body),
  // which a GET shows gone; the second, under a key derived from it, makes the new one.
  expect(writes(emulator)).toEqual([`POST /vaults/${id}/credentials`, `POST /vaults/${id}/credentials`]);
  const restored = emulator.vault(id)!.credentials.filter((credential) => credential.id !== linearId);
  expect(restored.map((credential) => [credential.id === githubId, credential.auth, credential.secretHistory])).toEqual([
    [true, { type: "static_bearer", mcp_server_url: "https://mcp.github.dev/v1" }, [GITHUB_MCP_TOKEN]],
    [false, { type: "static_bearer", mcp_server_url: "https://mcp.linear.dev" }, [LINEAR_MCP_TOKEN]],
  ]);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });

  await engine.stack.destroy();
  expect(emulator.vault(id)!.archived_at).toEqual(expect.any(String));
});

test("bad inputs are refused at preview, naming the property, before any request", async () => {
  const emulator = await newEmulator();
  // Every failure of the vault's check is listed at once (a duplicate URL is reported once the
  // credentials are otherwise valid; the unit tests cover it).
  const bad = {
    displayName: "",
    credentials: [
      { type: "static_bearer", mcpServerUrl: "http://mcp.github.dev", secretKey: "githubMcpToken" },
      { type: "environment_variable", secretName: "NPM-TOKEN", secretKey: "withNewline" },
      { type: "mcp_oauth", mcpServerUrl: "https://mcp.oauth.dev", secretKey: "githubMcpToken" },
    ],
  };
  const engine = await vaultStack(emulator, bad, { withNewline: `${NPM_VALUE}\n` });
  const refused = String(await engine.stack.preview().catch((error: Error) => error));
  expect(refused).toMatch(/property displayName .*has a problem: must not be empty/);
  expect(refused).toMatch(/property credentials\[0\]\.mcpServerUrl .*has a problem: must use https, not http/);
  expect(refused).toMatch(/property credentials\[1\]\.secretName .*has a problem: must be an environment variable name/);
  expect(refused).toMatch(/property credentials\[1\]\.secretValue .*has a problem: .*trailing newline from a file or pipe/);
  expect(refused).toMatch(/property credentials\[2\]\.type .*has a problem: "mcp_oauth" credentials are not supported/);
  expect(emulator.requests).toEqual([]);
});
