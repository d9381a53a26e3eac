import { type RunningEmulator, startEmulator } from "../../emulator";
import { QoderIncompleteError } from "../../provider/errors";
import type { VaultCredentialInput, VaultInputs } from "../../provider/vault/model";
import { VaultProvider } from "../../provider/vault/provider";
import type { VaultCredentialState, VaultState } from "../../provider/vault/state";

const QODER_TOKEN = "qoder_pat_vault_provider_5d1e";
const github: VaultCredentialInput = { type: "static_bearer", mcpServerUrl: "https://mcp.github.dev", token: "tok_github_first" };
const npm: VaultCredentialInput = { type: "environment_variable", secretName: "NPM_TOKEN", secretValue: "npm_value_first" };
const inputs = { displayName: "Team vault", credentials: [github, npm], __owner: "org/project/stack/vault" } as VaultInputs;

let emulator: RunningEmulator;
let provider: VaultProvider;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  provider = new VaultProvider({ apiUrl: emulator.url, token: QODER_TOKEN, maxRetries: 1 });
});
afterEach(async () => {
  await provider.close();
  await emulator.close();
});

/** Provider state with the secrets back in their credentials, as the provider itself reads it. */
const joined = (outs: unknown): VaultState => {
  const { credentials = [], credentialSecrets = [], ...rest } = outs as { credentials?: object[]; credentialSecrets?: object[] };
  return { ...rest, credentials: credentials.map((credential, i) => ({ ...credential, ...credentialSecrets[i] })) } as VaultState;
};
const stripFingerprints = (state: VaultState) => ({
  ...state,
  credentials: state.credentials?.map((credential) =>
    Object.fromEntries(Object.entries(credential).filter(([key]) => !key.endsWith("Fingerprint"))),
  ) as VaultCredentialState[] | undefined,
});
/** The provider's create, with the state it stored. */
const made = async (args: VaultInputs) => {
  const { id, outs } = await provider.create(args);
  return { id, outs: outs as VaultState };
};
const create = async (args: VaultInputs = inputs) => {
  const { id, outs } = await made(args);
  return { id, state: stripFingerprints(joined(outs)) as VaultState };
};
const requests = () => emulator.requests.map((request) => `${request.method} ${request.path}`);
const credentialOf = (vaultId: string, credentialId: string) => emulator.vault(vaultId)?.credentials.find((c) => c.id === credentialId);

test("a create makes the vault, then each credential, and keeps each credential's id", async () => {
  const { id, state } = await create();
  expect(requests().filter((request) => !request.startsWith("GET"))).toEqual([
    "POST /vaults",
    `POST /vaults/${id}/credentials`,
    `POST /vaults/${id}/credentials`,
  ]);
  const vault = emulator.vault(id)!;
  expect(vault.display_name).toBe("Team vault");
  expect(vault.credentials.map((credential) => [credential.auth, credential.secretHistory])).toEqual(
    expect.arrayContaining([
      [{ type: "static_bearer", mcp_server_url: "https://mcp.github.dev" }, ["tok_github_first"]],
      [
        {
          type: "environment_variable",
          secret_name: "NPM_TOKEN",
          networking: { type: "unrestricted" },
          injection_location: { body: false, header: true },
        },
        ["npm_value_first"],
      ],
    ]),
  );
  expect(state.credentials).toEqual([
    { ...github, credentialId: expect.stringMatching(/^vcred_/) },
    { ...npm, credentialId: expect.stringMatching(/^vcred_/) },
  ]);
});

test("a new token is rotated with exactly one request, on the credential that held the old one", async () => {
  const { id, outs } = await made(inputs);
  emulator.clearRequests();
  const news = { ...inputs, credentials: [{ ...github, token: "tok_github_next" }, npm] } as VaultInputs;
  const updated = stripFingerprints(joined((await provider.update(id, outs, news)).outs));
  const githubId = updated.credentials![0].credentialId;
  expect(requests()).toEqual([`POST /vaults/${id}/credentials/${githubId}`]);
  expect(emulator.requests[0].body).toEqual({ auth: { type: "static_bearer", token: "tok_github_next" } });
  expect(credentialOf(id, githubId)?.secretHistory).toEqual(["tok_github_first", "tok_github_next"]);
  expect(updated.credentials![0]).toEqual({ ...github, token: "tok_github_next", credentialId: joined(outs).credentials![0].credentialId });
});

test("a new secret name deletes the old credential and creates the new one, in the same vault", async () => {
  const { id, outs } = await made(inputs);
  const oldId = joined(outs).credentials![1].credentialId;
  emulator.clearRequests();
  const renamed = { ...npm, secretName: "NODE_AUTH_TOKEN" };
  const updated = joined((await provider.update(id, outs, { ...inputs, credentials: [github, renamed] } as VaultInputs)).outs);
  expect(
    requests()
      .filter((request) => !request.startsWith("GET"))
      .sort(),
  ).toEqual([`DELETE /vaults/${id}/credentials/${oldId}`, `POST /vaults/${id}/credentials`].sort());
  expect(emulator.vault(id)!.credentials.map((credential) => credential.auth)).toEqual([
    { type: "static_bearer", mcp_server_url: "https://mcp.github.dev" },
    {
      type: "environment_variable",
      secret_name: "NODE_AUTH_TOKEN",
      networking: { type: "unrestricted" },
      injection_location: { body: false, header: true },
    },
  ]);
  expect(updated.credentials![1].credentialId).not.toBe(oldId);
});

test("when some credential requests fail, state records exactly what the vault holds, and the next update finishes", async () => {
  const { id, outs } = await made({ ...inputs, credentials: [github] } as VaultInputs);
  emulator.setFaults([{ route: "POST /vaults/*/credentials/*", kind: "500", probability: 1 }]);
  const news = { ...inputs, credentials: [{ ...github, token: "tok_github_next" }, npm] } as VaultInputs;
  const error = await provider.update(id, outs, news).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderIncompleteError);
  expect(String(error)).not.toMatch(/tok_github|npm_value/);
  const kept = stripFingerprints(joined((error as QoderIncompleteError).properties));
  // The rotation failed: the old token; the create went through: the new credential.
  expect(kept.credentials).toEqual([
    { ...github, credentialId: joined(outs).credentials![0].credentialId },
    { ...npm, credentialId: expect.stringMatching(/^vcred_/) },
  ]);

  emulator.setFaults([]);
  emulator.clearRequests();
  await provider.update(id, (error as QoderIncompleteError).properties as VaultState, news);
  expect(requests()).toEqual([`POST /vaults/${id}/credentials/${kept.credentials![0].credentialId}`]);
});

test("a vault whose credentials all failed at create is kept with none, so the next update creates them", async () => {
  emulator.setFaults([{ route: "POST /vaults/*/credentials", kind: "500", probability: 1 }]);
  const error = (await made(inputs).catch((e: unknown) => e)) as QoderIncompleteError;
  expect(error).toBeInstanceOf(QoderIncompleteError);
  expect(error.id).toMatch(/^vault_/);
  expect(error.properties).toEqual(expect.objectContaining({ displayName: "Team vault" }));
  expect(error.properties.credentials).toEqual([]);
  emulator.setFaults([]);
  const done = joined((await provider.update(error.id, error.properties as VaultState, inputs)).outs);
  expect(done.credentials).toHaveLength(2);
  expect(emulator.vault(error.id)!.credentials).toHaveLength(2);
});

describe("crash-safe credential creates", () => {
  test("a credential created by an interrupted run is taken over, not made twice", async () => {
    const { id, outs } = await made({ ...inputs, credentials: [github] } as VaultInputs);
    // The state the interrupted run left: the vault with no credential recorded.
    const lost = { ...outs, credentials: [], credentialSecrets: [] } as unknown as VaultState;
    const updated = joined((await provider.update(id, lost, { ...inputs, credentials: [github] } as VaultInputs)).outs);
    expect(emulator.vault(id)!.credentials).toHaveLength(1);
    expect(updated.credentials![0].credentialId).toBe(joined(outs).credentials![0].credentialId);
  });

  test("one created by an interrupted run with another secret is taken over and given the new one", async () => {
    const { id, outs } = await made({ ...inputs, credentials: [github] } as VaultInputs);
    const lost = { ...outs, credentials: [], credentialSecrets: [] } as unknown as VaultState;
    const next = { ...github, token: "tok_github_next" };
    const updated = joined((await provider.update(id, lost, { ...inputs, credentials: [next] } as VaultInputs)).outs);
    const credentials = emulator.vault(id)!.credentials;
    expect(credentials.map((credential) => credential.secretHistory)).toEqual([["tok_github_first", "tok_github_next"]]);
    expect(updated.credentials![0].credentialId).toBe(credentials[0].id);
  });

  test("a credential deleted since its create is made again, although the API replays the earlier create", async () => {
    const { id, outs } = await made({ ...inputs, credentials: [github] } as VaultInputs);
    const first = joined(outs).credentials![0].credentialId;
    emulator.deleteVaultCredential(id, first);
    const refreshed = await provider.read(id, outs);
    const again = joined((await provider.update(id, refreshed.props!, { ...inputs, credentials: [github] } as VaultInputs)).outs);
    const live = emulator.vault(id)!.credentials;
    expect(live.map((credential) => credential.id)).toEqual([again.credentials![0].credentialId]);
    expect(again.credentials![0].credentialId).not.toBe(first);
  });

  test("a credential deleted since, declared again with another secret, is made again", async () => {
    const { id, outs } = await made({ ...inputs, credentials: [github] } as VaultInputs);
    emulator.deleteVaultCredential(id, joined(outs).credentials![0].credentialId);
    const refreshed = await provider.read(id, outs);
    const next = { ...github, token: "tok_github_next" };
    const again = joined((await provider.update(id, refreshed.props!, { ...inputs, credentials: [next] } as VaultInputs)).outs);
    expect(emulator.vault(id)!.credentials.map((credential) => [credential.id, credential.secretHistory])).toEqual([
      [again.credentials![0].credentialId, ["tok_github_next"]],
    ]);
  });
});

describe("refresh", () => {
  test("a credential deleted outside Pulumi is dropped from state and inputs; secrets are kept, never read", async () => {
    const { id, outs } = await made(inputs);
    const githubId = joined(outs).credentials![0].credentialId;
    emulator.deleteVaultCredential(id, joined(outs).credentials![1].credentialId);
    emulator.clearRequests();
    const result = await provider.read(id, outs);
    expect(requests()).toEqual([`GET /vaults/${id}`, `GET /vaults/${id}/credentials`]);
    expect(stripFingerprints(joined(result.props))).toEqual(
      expect.objectContaining({ credentials: [{ ...github, credentialId: githubId }] }),
    );
    expect(stripFingerprints(joined(result.inputs))).toEqual(expect.objectContaining({ credentials: [github] }));
  });

  test("a credential archived outside Pulumi reads as missing too", async () => {
    const { id, outs } = await made({ ...inputs, credentials: [github] } as VaultInputs);
    const credentialId = joined(outs).credentials![0].credentialId;
    await fetch(`${emulator.url}/vaults/${id}/credentials/${credentialId}/archive`, {
      method: "POST",
      headers: { authorization: `Bearer ${QODER_TOKEN}` },
    });
    const result = await provider.read(id, outs);
    expect(joined(result.props).credentials).toEqual([]);
  });

  test("an archived or deleted vault reads as gone", async () => {
    const a = await made(inputs);
    emulator.archiveVault(a.id);
    expect((await provider.read(a.id, a.outs)).id).toBe("");
    const b = await made({ ...inputs, displayName: "Other" } as VaultInputs);
    emulator.deleteVault(b.id);
    expect((await provider.read(b.id, b.outs)).id).toBe("");
  });
});

test("destroy archives the vault, or deletes it with deletionMode delete", async () => {
  const a = await made(inputs);
  await provider.delete(a.id, a.outs);
  expect(emulator.vault(a.id)?.archived_at).toEqual(expect.any(String));
  const b = await made({ ...inputs, displayName: "Other", deletionMode: "delete" } as VaultInputs);
  await provider.delete(b.id, b.outs);
  expect(emulator.vault(b.id)).toBeUndefined();
});
