import { type RunningEmulator, startEmulator } from "../../emulator";
import { QoderIncompleteError } from "../../provider/errors";
import type { VaultCredentialInput, VaultInputs } from "../../provider/vault/model";
import { VaultProvider } from "../../provider/vault/provider";
import type { VaultState } from "../../provider/vault/state";

// A credential deleted or archived outside Pulumi, then given a new secret in the program, without
// a refresh in between: the rotation is refused, and every later run would send it again. The
// provider makes the credential again instead, and state records the new id.

const QODER_TOKEN = "qoder_pat_vault_healing_71c2";
const github: VaultCredentialInput = { type: "static_bearer", mcpServerUrl: "https://mcp.github.dev", token: "tok_github_first" };
const npm: VaultCredentialInput = { type: "environment_variable", secretName: "NPM_TOKEN", secretValue: "npm_value_first" };
const inputs = { displayName: "Team vault", credentials: [github, npm], __owner: "org/project/stack/vault" } as VaultInputs;
const rotated = { ...inputs, credentials: [{ ...github, token: "tok_github_next" }, npm] } as VaultInputs;

let emulator: RunningEmulator;
let provider: VaultProvider;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  provider = new VaultProvider({ apiUrl: emulator.url, token: QODER_TOKEN, maxRetries: 1 });
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await provider.close();
  await emulator.close();
});

/** The credential ids state records, in the order of the inputs. */
const idsOf = (outs: unknown) => ((outs as VaultState).credentials ?? []).map((credential) => credential.credentialId);
const writes = () => emulator.requests.filter((request) => request.method !== "GET").map((request) => `${request.method} ${request.path}`);

test("a rotation of a credential deleted outside Pulumi creates it again with the new secret; state records the new id", async () => {
  const { id, outs } = await provider.create(inputs);
  const [githubId, npmId] = idsOf(outs);
  emulator.deleteVaultCredential(id, githubId);
  emulator.clearRequests();

  const { outs: healed } = await provider.update(id, outs as VaultState, rotated);
  const [newId, keptId] = idsOf(healed);
  expect(keptId).toBe(npmId);
  expect(newId).toMatch(/^vcred_/);
  expect(newId).not.toBe(githubId);
  expect(writes()).toEqual([
    `POST /vaults/${id}/credentials/${githubId}`,
    `POST /vaults/${id}/credentials`,
    `POST /vaults/${id}/credentials`,
  ]);
  expect(emulator.vault(id)!.credentials.map((credential) => [credential.id, credential.secretHistory])).toEqual([
    [npmId, ["npm_value_first"]],
    [newId, ["tok_github_next"]],
  ]);
  expect(console.log).toHaveBeenCalledWith(
    `Vault ${id}: credential ${githubId} no longer exists (deleted or archived outside Pulumi); creating it again.`,
  );

  // Nothing is left to do: the next update with the same inputs sends nothing.
  emulator.clearRequests();
  await provider.update(id, healed as VaultState, rotated);
  expect(writes()).toEqual([]);
});

test("a rotation of a credential archived outside Pulumi creates it again too", async () => {
  const { id, outs } = await provider.create(inputs);
  const [githubId] = idsOf(outs);
  const archived = await fetch(`${emulator.url}/vaults/${id}/credentials/${githubId}/archive`, {
    method: "POST",
    headers: { authorization: `Bearer ${QODER_TOKEN}` },
  });
  expect(archived.status).toBe(200);

  const { outs: healed } = await provider.update(id, outs as VaultState, rotated);
  const [newId] = idsOf(healed);
  expect(newId).not.toBe(githubId);
  expect(emulator.vaultCredential(id, newId)).toEqual(expect.objectContaining({ archived_at: null, secretHistory: ["tok_github_next"] }));
});

test("a refused rotation of a credential the API still holds is not mistaken for a missing one", async () => {
  const { id, outs } = await provider.create(inputs);
  emulator.setFaults([{ route: "POST /vaults/*/credentials/*", kind: "500", probability: 1 }]);
  const error = await provider.update(id, outs as VaultState, rotated).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderIncompleteError);
  expect((error as Error).message).toMatch(/Run `pulumi up` again to finish it\.$/);
  expect(idsOf((error as QoderIncompleteError).properties)).toEqual(idsOf(outs));
  expect(emulator.vault(id)!.credentials).toHaveLength(2);
});

test("when the vault itself is gone, the update fails saying to refresh first, which drops it", async () => {
  const { id, outs } = await provider.create(inputs);
  emulator.deleteVault(id);
  const error = await provider.update(id, outs as VaultState, rotated).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderIncompleteError);
  expect((error as Error).message).toMatch(
    /404 not_found_error: .*Run `pulumi refresh --run-program` to record what the API holds now, then `pulumi up` to finish it\.$/,
  );
  expect((await provider.read(id, outs as VaultState)).id).toBe("");
});
