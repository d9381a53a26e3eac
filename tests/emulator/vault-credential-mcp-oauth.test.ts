import { useCredentialVault } from "./credential-support";
import { expectInvalid, useEmulator } from "./support";

// `mcp_oauth` vault credentials (docs/api-contract.md#vaults): an OAuth access token for one MCP
// server, with how to refresh it.
describe("mcp_oauth vault credentials", () => {
  const ctx = useEmulator();
  const vault = useCredentialVault(ctx, ["oauth_secret"]);

  const refresh = {
    client_id: "client-1",
    refresh_token: "oauth_secret_refresh_1",
    token_endpoint: "https://auth.example.com/oauth/token",
    token_endpoint_auth: { type: "client_secret_basic", client_secret: "oauth_secret_client_1" },
    resource: "https://mcp.example.com/mcp",
    scope: "mcp.read mcp.write",
  };
  const oauth = {
    type: "mcp_oauth",
    mcp_server_url: "https://mcp.example.com/mcp",
    access_token: "oauth_secret_access_1",
    expires_at: "2026-08-16T08:00:00Z",
    refresh,
  };
  const answered = {
    type: "mcp_oauth",
    mcp_server_url: "https://mcp.example.com/mcp",
    expires_at: "2026-08-16T08:00:00Z",
    refresh: {
      client_id: "client-1",
      token_endpoint: "https://auth.example.com/oauth/token",
      token_endpoint_auth: { type: "client_secret_basic" },
      resource: "https://mcp.example.com/mcp",
      scope: "mcp.read mcp.write",
    },
  };

  const credentialOf = (id: string) => ctx.emulator.vaultCredential(vault.vaultId, id);
  const update = (id: string, auth: Record<string, unknown>) =>
    vault.api.post(`${vault.path}/${id}`, { auth: { type: "mcp_oauth", ...auth } });

  test("a create is answered with the server, expiry and refresh settings, never a secret; the vault holds all three secrets", async () => {
    const created = await vault.create({ auth: oauth });

    expect(created.auth).toEqual(answered);
    expect(credentialOf(created.id)).toMatchObject({
      secretHistory: ["oauth_secret_access_1", "oauth_secret_refresh_1", "oauth_secret_client_1"],
      secrets: { access_token: "oauth_secret_access_1", refresh_token: "oauth_secret_refresh_1", client_secret: "oauth_secret_client_1" },
    });
  });

  test("without expiry or refresh both are answered null; a refresh without client secret has resource and scope null", async () => {
    const bare = await vault.create({ auth: { type: "mcp_oauth", mcp_server_url: oauth.mcp_server_url, access_token: "oauth_secret_a" } });
    const { resource: _r, scope: _s, ...required } = refresh;
    const publicClient = await vault.create({
      auth: { ...oauth, expires_at: null, refresh: { ...required, token_endpoint_auth: { type: "none" } } },
    });

    expect(bare.auth).toEqual({ type: "mcp_oauth", mcp_server_url: oauth.mcp_server_url, expires_at: null, refresh: null });
    expect(publicClient.auth).toEqual({
      ...answered,
      expires_at: null,
      refresh: { ...answered.refresh, token_endpoint_auth: { type: "none" }, resource: null, scope: null },
    });
    expect(credentialOf(publicClient.id)!.secrets).toEqual({
      access_token: "oauth_secret_access_1",
      refresh_token: "oauth_secret_refresh_1",
    });
  });

  const withRefresh = (changes: Record<string, unknown>) => ({ auth: { ...oauth, refresh: { ...refresh, ...changes } } });

  test.each([
    ["no access_token", { auth: { ...oauth, access_token: undefined } }, "auth.access_token"],
    ["an empty access_token", { auth: { ...oauth, access_token: "" } }, "auth.access_token"],
    ["no mcp_server_url", { auth: { ...oauth, mcp_server_url: undefined } }, "auth.mcp_server_url"],
    ["an http mcp_server_url", { auth: { ...oauth, mcp_server_url: "http://mcp.example.com" } }, "auth.mcp_server_url"],
    ["an expires_at that is no date-time", { auth: { ...oauth, expires_at: "tomorrow" } }, "auth.expires_at"],
    ["an expires_at without a zone", { auth: { ...oauth, expires_at: "2026-08-16T08:00:00" } }, "auth.expires_at"],
    ["a refresh that is a string", { auth: { ...oauth, refresh: "token" } }, "auth.refresh"],
    ["a refresh without client_id", withRefresh({ client_id: undefined }), "auth.refresh.client_id"],
    ["a refresh without refresh_token", withRefresh({ refresh_token: undefined }), "auth.refresh.refresh_token"],
    ["a refresh without token_endpoint", withRefresh({ token_endpoint: undefined }), "auth.refresh.token_endpoint"],
    ["an http token_endpoint", withRefresh({ token_endpoint: "http://auth.example.com/token" }), "auth.refresh.token_endpoint"],
    ["a refresh without token_endpoint_auth", withRefresh({ token_endpoint_auth: undefined }), "auth.refresh.token_endpoint_auth"],
    [
      "an unknown token_endpoint_auth type",
      withRefresh({ token_endpoint_auth: { type: "private_key_jwt" } }),
      "auth.refresh.token_endpoint_auth.type",
    ],
    [
      "a client secret method without client_secret",
      withRefresh({ token_endpoint_auth: { type: "client_secret_post" } }),
      "auth.refresh.token_endpoint_auth.client_secret",
    ],
    [
      "type none with a client_secret",
      withRefresh({ token_endpoint_auth: { type: "none", client_secret: "oauth_secret_x" } }),
      "auth.refresh.token_endpoint_auth.client_secret",
    ],
    ["a scope that is a list", withRefresh({ scope: ["mcp.read"] }), "auth.refresh.scope"],
    ["an unknown refresh member", withRefresh({ audience: "x" }), "auth.refresh.audience"],
    ["an auth member of another type", { auth: { ...oauth, token: "oauth_secret_x" } }, "auth.token"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    expectInvalid(await vault.api.post(vault.path, body), param);
    expect(ctx.emulator.vault(vault.vaultId)!.credentials).toEqual([]);
  });

  test("an update rotates the access token and sets or clears expires_at, keeping the refresh", async () => {
    const created = await vault.create({ auth: oauth });

    const rotated = await update(created.id, { access_token: "oauth_secret_access_2", expires_at: "2026-09-01T00:00:00+02:00" });
    expect(rotated.body.auth).toEqual({ ...answered, expires_at: "2026-09-01T00:00:00+02:00" });
    expect((await update(created.id, { expires_at: null })).body.auth).toEqual({ ...answered, expires_at: null });
    expect((await update(created.id, {})).body.auth).toEqual({ ...answered, expires_at: null });
    expect(credentialOf(created.id)).toMatchObject({
      secretHistory: ["oauth_secret_access_1", "oauth_secret_refresh_1", "oauth_secret_client_1", "oauth_secret_access_2"],
      secrets: { access_token: "oauth_secret_access_2", refresh_token: "oauth_secret_refresh_1", client_secret: "oauth_secret_client_1" },
    });
  });

  test("an update's refresh changes the refresh token, the scope and the client secret method; the rest is kept", async () => {
    const created = await vault.create({ auth: oauth });

    const reply = await update(created.id, {
      refresh: { refresh_token: "oauth_secret_refresh_2", scope: null, token_endpoint_auth: { type: "client_secret_post" } },
    });

    expect(reply.body.auth).toEqual({
      ...answered,
      refresh: { ...answered.refresh, token_endpoint_auth: { type: "client_secret_post" }, scope: null },
    });
    expect(credentialOf(created.id)!.secrets).toEqual({
      access_token: "oauth_secret_access_1",
      refresh_token: "oauth_secret_refresh_2",
      client_secret: "oauth_secret_client_1",
    });
    await update(created.id, {
      refresh: { scope: "mcp.read", token_endpoint_auth: { type: "client_secret_basic", client_secret: "oauth_secret_client_2" } },
    });
    expect(credentialOf(created.id)).toMatchObject({
      auth: { refresh: { scope: "mcp.read", token_endpoint_auth: { type: "client_secret_basic" } } },
      secretHistory: [
        "oauth_secret_access_1",
        "oauth_secret_refresh_1",
        "oauth_secret_client_1",
        "oauth_secret_refresh_2",
        "oauth_secret_client_2",
      ],
      secrets: { client_secret: "oauth_secret_client_2" },
    });
  });

  test("an update's refresh: null removes the refresh and its secrets", async () => {
    const created = await vault.create({ auth: oauth });

    expect((await update(created.id, { refresh: null })).body.auth).toEqual({ ...answered, refresh: null });
    expect(credentialOf(created.id)!.secrets).toEqual({ access_token: "oauth_secret_access_1" });
  });

  test("a public client's refresh moves to a client secret method only with a client secret", async () => {
    const created = await vault.create({ auth: { ...oauth, refresh: { ...refresh, token_endpoint_auth: { type: "none" } } } });

    const param = "auth.refresh.token_endpoint_auth.client_secret";
    expectInvalid(await update(created.id, { refresh: { token_endpoint_auth: { type: "client_secret_basic" } } }), param);
    const moved = await update(created.id, {
      refresh: { token_endpoint_auth: { type: "client_secret_basic", client_secret: "oauth_secret_client_9" } },
    });
    expect(moved.body.auth.refresh.token_endpoint_auth).toEqual({ type: "client_secret_basic" });
    expect(credentialOf(created.id)!.secrets.client_secret).toBe("oauth_secret_client_9");
  });

  test.each([
    ["an mcp_server_url", { mcp_server_url: oauth.mcp_server_url }, "auth.mcp_server_url"],
    ["a refresh client_id", { refresh: { client_id: "client-2" } }, "auth.refresh.client_id"],
    ["a refresh token_endpoint", { refresh: { token_endpoint: refresh.token_endpoint } }, "auth.refresh.token_endpoint"],
    ["a refresh resource", { refresh: { resource: null } }, "auth.refresh.resource"],
  ])("an update naming %s is a 400: it cannot be changed", async (_field, auth, param) => {
    const created = await vault.create({ auth: oauth });

    const reply = await update(created.id, { access_token: "oauth_secret_access_2", ...auth });

    expect(reply.body.error).toEqual({
      type: "invalid_request_error",
      message: `Field '${param}' cannot be changed; create a new credential instead.`,
      param,
    });
    expect(credentialOf(created.id)).toMatchObject({
      ...created,
      secretHistory: ["oauth_secret_access_1", "oauth_secret_refresh_1", "oauth_secret_client_1"],
    });
  });

  test.each([
    ["token_endpoint_auth none", { refresh: { token_endpoint_auth: { type: "none" } } }, "auth.refresh.token_endpoint_auth.type"],
    ["an expires_at that is no date-time", { expires_at: "soon" }, "auth.expires_at"],
    ["an empty access_token", { access_token: "" }, "auth.access_token"],
    ["an unknown member", { scope: "x" }, "auth.scope"],
    ["another type's member", { token: "oauth_secret_x" }, "auth.token"],
  ])("an update with %s is a 400 naming the param", async (_rule, auth, param) => {
    const created = await vault.create({ auth: oauth });

    expectInvalid(await update(created.id, auth), param);
    expect(credentialOf(created.id)!.auth).toEqual(answered);
  });

  test("an update of the refresh of a credential that has none is a 400", async () => {
    const created = await vault.create({ auth: { ...oauth, refresh: null } });

    expectInvalid(await update(created.id, { refresh: { refresh_token: "oauth_secret_refresh_2" } }), "auth.refresh");
    expect(credentialOf(created.id)!.secretHistory).toEqual(["oauth_secret_access_1"]);
  });

  test("another credential type cannot become mcp_oauth", async () => {
    const created = await vault.create({
      auth: { type: "static_bearer", mcp_server_url: oauth.mcp_server_url, token: "oauth_secret_bearer" },
    });

    expectInvalid(await update(created.id, { access_token: "oauth_secret_access_2" }), "auth.type");
  });
});
