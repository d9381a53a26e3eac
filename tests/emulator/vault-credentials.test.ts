import { useCredentialVault } from "./credential-support";
import { expectInvalid, expectNotFound, TIMESTAMP, useEmulator, walkPages } from "./support";

// `/vaults/{vault_id}/credentials` (docs/api-contract.md#vaults): rules every credential shares,
// shown with static_bearer ones. Other types: vault-credential-environment-variable.test.ts and
// vault-credential-mcp-oauth.test.ts.
describe("vault credentials", () => {
  const ctx = useEmulator();
  const vault = useCredentialVault(ctx, ["lin_secret", "npm_secret"]);

  const bearer = { type: "static_bearer", mcp_server_url: "https://mcp.linear.app/mcp", token: "lin_secret_1" };
  const envVar = {
    type: "environment_variable",
    secret_name: "NPM_TOKEN",
    secret_value: "npm_secret_1",
    networking: { type: "unrestricted" },
  };

  const create = (body: Record<string, unknown> = { auth: bearer }) => vault.create(body);
  const credentialOf = (id: string) => ctx.emulator.vaultCredential(vault.vaultId, id);

  test("a static_bearer credential is answered with its MCP server URL and without its token", async () => {
    const reply = await vault.api.post(vault.path, { auth: bearer, display_name: "Linear", metadata: { tool: "linear" } });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^vcred_[0-9a-f]{32}$/),
      type: "vault_credential",
      vault_id: vault.vaultId,
      display_name: "Linear",
      auth: { type: "static_bearer", mcp_server_url: "https://mcp.linear.app/mcp" },
      metadata: { tool: "linear" },
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await vault.api.get(`${vault.path}/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await vault.api.get(vault.path)).body.data).toEqual([reply.body]);
    expect(ctx.emulator.vault(vault.vaultId)!.credentials[0]!.secretHistory).toEqual(["lin_secret_1"]);
  });

  test("display_name defaults to null and metadata to {}", async () => {
    expect(await create({ auth: bearer })).toMatchObject({ display_name: null, metadata: {} });
  });

  test.each([
    ["no auth", {}, "auth"],
    ["a null auth", { auth: null }, "auth"],
    ["auth that is a string", { auth: "lin_secret_x" }, "auth"],
    ["auth without type", { auth: { token: "lin_secret_x" } }, "auth.type"],
    ["auth of an unknown type", { auth: { ...bearer, type: "basic" } }, "auth.type"],
    ["no mcp_server_url", { auth: { type: "static_bearer", token: "lin_secret_x" } }, "auth.mcp_server_url"],
    ["an http mcp_server_url", { auth: { ...bearer, mcp_server_url: "http://mcp.linear.app/mcp" } }, "auth.mcp_server_url"],
    ["an mcp_server_url that is no URL", { auth: { ...bearer, mcp_server_url: "linear" } }, "auth.mcp_server_url"],
    [
      "an mcp_server_url of 2049 characters",
      { auth: { ...bearer, mcp_server_url: `https://a.dev/${"p".repeat(2035)}` } },
      "auth.mcp_server_url",
    ],
    ["no token", { auth: { type: "static_bearer", mcp_server_url: "https://a.dev" } }, "auth.token"],
    ["an empty token", { auth: { ...bearer, token: "" } }, "auth.token"],
    ["a token that is a number", { auth: { ...bearer, token: 5 } }, "auth.token"],
    ["an auth member of another type", { auth: { ...bearer, secret_value: "lin_secret_x" } }, "auth.secret_value"],
    ["a display_name of 256 characters", { auth: bearer, display_name: "d".repeat(256) }, "display_name"],
    ["an unknown field", { auth: bearer, protocol: "sse" }, "protocol"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    const reply = await vault.api.post(vault.path, body);

    expectInvalid(reply, param);
    expect(ctx.emulator.vault(vault.vaultId)!.credentials).toEqual([]);
  });

  test("an mcp_server_url of 2048 characters is accepted", async () => {
    const url = `https://a.dev/${"p".repeat(2034)}`;
    expect((await create({ auth: { ...bearer, mcp_server_url: url } })).auth.mcp_server_url).toBe(url);
  });

  test("update with a new token replaces the secret, recorded in the secret history; display_name and metadata patch", async () => {
    const created = await create({ auth: bearer, display_name: "Linear", metadata: { a: "1", b: "2" } });

    const reply = await vault.api.post(`${vault.path}/${created.id}`, {
      auth: { type: "static_bearer", token: "lin_secret_2" },
      display_name: null,
      metadata: { a: null },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...created, display_name: null, metadata: { b: "2" }, updated_at: expect.stringMatching(TIMESTAMP) });
    expect(reply.body.updated_at > (created.updated_at as string)).toBe(true);
    await vault.api.post(`${vault.path}/${created.id}`, { auth: { type: "static_bearer", token: "lin_secret_2" } });
    await vault.api.post(`${vault.path}/${created.id}`, { display_name: "Linear again", auth: { type: "static_bearer" } });
    expect(credentialOf(created.id)).toMatchObject({
      display_name: "Linear again",
      secretHistory: ["lin_secret_1", "lin_secret_2", "lin_secret_2"],
      secrets: { token: "lin_secret_2" },
    });
  });

  test.each([
    [
      "auth of another type",
      { auth: envVar },
      "auth.type",
      "Field 'auth.type' cannot be changed from 'static_bearer'; create a new credential instead.",
    ],
    [
      "an mcp_server_url, even the current one",
      { auth: { ...bearer, token: "lin_secret_2" } },
      "auth.mcp_server_url",
      "Field 'auth.mcp_server_url' cannot be changed; create a new credential instead.",
    ],
    ["auth without type", { auth: { token: "lin_secret_2" } }, "auth.type", "Field 'auth.type' is required."],
    ["an empty token", { auth: { type: "static_bearer", token: "" } }, "auth.token", "Field 'auth.token' must not be empty."],
    ["an unknown auth member", { auth: { type: "static_bearer", scheme: "Bearer" } }, "auth.scheme", "Unknown field 'auth.scheme'."],
    ["a null auth", { auth: null }, "auth", "Field 'auth' cannot be cleared."],
    ["an unknown field", { vault_id: "vault_other" }, "vault_id", "Unknown field 'vault_id'."],
  ])("update with %s is a 400 naming the param, and keeps the secret", async (_rule, body, param, message) => {
    const created = await create();

    const reply = await vault.api.post(`${vault.path}/${created.id}`, body);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ type: "invalid_request_error", message, param });
    expect(credentialOf(created.id)).toMatchObject({ secretHistory: ["lin_secret_1"], secrets: { token: "lin_secret_1" } });
  });

  test("test controls read one credential with its secrets, and rotate it out of band following the API's rules", async () => {
    const created = await create();

    const rotated = ctx.emulator.updateVaultCredential(vault.vaultId, created.id, {
      auth: { type: "static_bearer", token: "lin_secret_2" },
    });

    expect(rotated).toEqual({ ...created, updated_at: expect.stringMatching(TIMESTAMP) });
    expect((await vault.api.get(`${vault.path}/${created.id}`)).body).toEqual(rotated);
    expect(credentialOf(created.id)).toEqual({
      ...rotated,
      secretHistory: ["lin_secret_1", "lin_secret_2"],
      secrets: { token: "lin_secret_2" },
    });
    expect(() =>
      ctx.emulator.updateVaultCredential(vault.vaultId, created.id, { auth: { type: "static_bearer", mcp_server_url: "https://x.dev" } }),
    ).toThrow("Emulator rejected the change: Field 'auth.mcp_server_url' cannot be changed; create a new credential instead.");
    expect(() => ctx.emulator.updateVaultCredential(vault.vaultId, "vcred_nope", {})).toThrow(/'vcred_nope' was not found/);
    expect(ctx.emulator.vaultCredential(vault.vaultId, "vcred_nope")).toBeUndefined();
    expect(ctx.emulator.vaultCredential("vault_nope", created.id)).toBeUndefined();
  });

  test("archive sets archived_at once; an archived credential refuses updates and is listed only with include_archived", async () => {
    const created = await create();

    const archived = await vault.api.post(`${vault.path}/${created.id}/archive`);
    const again = await vault.api.post(`${vault.path}/${created.id}/archive`);

    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).toMatch(TIMESTAMP);
    expect(again.body).toEqual(archived.body);
    const update = await vault.api.post(`${vault.path}/${created.id}`, { auth: { type: "static_bearer", token: "lin_secret_2" } });
    expect(update.status).toBe(400);
    expect(update.body.error.message).toBe(`Vault credential '${created.id}' is archived; it cannot be updated.`);
    expect((await vault.api.get(vault.path)).body.data).toEqual([]);
    expect((await vault.api.get(`${vault.path}?include_archived=true`)).body.data).toEqual([archived.body]);
  });

  test("an archived vault takes no new credential and lets none be updated, but still lists them", async () => {
    const created = await create();
    await vault.api.post(`/vaults/${vault.vaultId}/archive`);

    const added = await vault.api.post(vault.path, { auth: envVar });
    const updated = await vault.api.post(`${vault.path}/${created.id}`, { auth: { type: "static_bearer", token: "lin_secret_2" } });

    for (const reply of [added, updated]) {
      expect(reply.status).toBe(400);
      expect(reply.body.error).toEqual({
        type: "invalid_request_error",
        message: `Vault '${vault.vaultId}' is archived; its credentials cannot be added or updated.`,
      });
    }
    expect((await vault.api.get(vault.path)).body.data).toEqual([created]);
  });

  test("delete answers vault_credential_deleted; afterwards the credential is not found", async () => {
    const created = await create();

    const reply = await vault.api.delete(`${vault.path}/${created.id}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: created.id, type: "vault_credential_deleted" });
    const message = `Vault credential '${created.id}' was not found.`;
    expectNotFound(await vault.api.get(`${vault.path}/${created.id}`), message);
    expectNotFound(await vault.api.post(`${vault.path}/${created.id}`, { display_name: "x" }), message);
    expectNotFound(await vault.api.post(`${vault.path}/${created.id}/archive`), message);
    expectNotFound(await vault.api.delete(`${vault.path}/${created.id}`), message);
    expect(ctx.emulator.vault(vault.vaultId)!.credentials).toEqual([]);
  });

  test("a credential is found only under its own vault", async () => {
    const created = await create();
    const other = (await vault.api.post("/vaults", { display_name: "Other" })).body.id;

    expectNotFound(await vault.api.get(`/vaults/${other}/credentials/${created.id}`), `Vault credential '${created.id}' was not found.`);
    expectNotFound(await vault.api.get(`/vaults/vault_nope/credentials/${created.id}`), "Vault 'vault_nope' was not found.");
  });

  test("a keyed create is replayed without a second credential or secret", async () => {
    const headers = { "idempotency-key": "cred-1" };
    const first = await vault.api.post(vault.path, { auth: bearer }, headers);
    const replay = await vault.api.post(vault.path, { auth: bearer }, headers);
    const other = await vault.api.post(vault.path, { auth: { ...bearer, token: "lin_secret_2" } }, headers);

    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(other.status).toBe(409);
    expect(ctx.emulator.vault(vault.vaultId)!.credentials).toEqual([expect.objectContaining({ secretHistory: ["lin_secret_1"] })]);
  });

  test("credentials page newest first across more than one page", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ auth: { ...bearer, mcp_server_url: `https://mcp${i}.dev` } })).id);

    expect(await walkPages(vault.api, `${vault.path}?limit=2`)).toEqual({ ids: [...ids].reverse(), pageSizes: [2, 2, 1] });
  });
});
