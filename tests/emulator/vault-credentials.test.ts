import { type ApiClient, expectInvalid, expectNotFound, TIMESTAMP, useEmulator, walkPages } from "./support";

// `/vaults/{vault_id}/credentials` (/work/shared/api/qoder-cloud-api.md §6.3 and §11).
describe("vault credentials", () => {
  const ctx = useEmulator();

  const bearer = { type: "static_bearer", mcp_server_url: "https://mcp.linear.app/mcp", token: "lin_secret_1" };
  const envVar = { type: "environment_variable", secret_name: "NPM_TOKEN", secret_value: "npm_secret_1" };

  /** Every reply's text, to check that no secret ever goes out. */
  let replies: string[];
  let api: ApiClient;
  let vaultId: string;
  let path: string;

  beforeEach(async () => {
    replies = [];
    const request: ApiClient["request"] = async (method, url, options) => {
      const reply = await ctx.api.request(method, url, options);
      replies.push(reply.text);
      return reply;
    };
    api = {
      request,
      get: (url, headers) => request("GET", url, { headers }),
      post: (url, body, headers) => request("POST", url, { body, headers }),
      delete: (url, headers) => request("DELETE", url, { headers }),
    };
    vaultId = (await api.post("/vaults", { display_name: "Team secrets" })).body.id;
    path = `/vaults/${vaultId}/credentials`;
  });

  afterEach(() => {
    for (const secret of ["lin_secret", "npm_secret"]) {
      expect(replies.filter((text) => text.includes(secret))).toEqual([]);
    }
  });

  async function create(body: Record<string, unknown> = { auth: bearer }) {
    const reply = await api.post(path, body);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  test("a static_bearer credential is answered with its MCP server URL and without its token", async () => {
    const reply = await api.post(path, { auth: bearer, display_name: "Linear", metadata: { tool: "linear" } });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^vcred_[0-9a-f]{32}$/),
      type: "vault_credential",
      vault_id: vaultId,
      display_name: "Linear",
      auth: { type: "static_bearer", mcp_server_url: "https://mcp.linear.app/mcp" },
      metadata: { tool: "linear" },
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await api.get(`${path}/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await api.get(path)).body.data).toEqual([reply.body]);
    expect(ctx.emulator.vault(vaultId)!.credentials[0]!.secretHistory).toEqual(["lin_secret_1"]);
  });

  test("an environment_variable credential is answered with its secret name only; display_name defaults to null", async () => {
    const credential = await create({ auth: envVar });

    expect(credential).toMatchObject({
      display_name: null,
      auth: { type: "environment_variable", secret_name: "NPM_TOKEN" },
      metadata: {},
    });
    expect(ctx.emulator.vault(vaultId)!.credentials[0]!.secretHistory).toEqual(["npm_secret_1"]);
  });

  test.each([
    ["no auth", {}, "auth"],
    ["auth that is a string", { auth: "lin_secret_x" }, "auth"],
    ["auth without type", { auth: { token: "lin_secret_x" } }, "auth.type"],
    ["auth of an unknown type", { auth: { ...bearer, type: "basic" } }, "auth.type"],
    ["an mcp_oauth auth", { auth: { type: "mcp_oauth", mcp_server_url: "https://x.dev", access_token: "a" } }, "auth.type"],
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
    ["a secret_name that is no variable name", { auth: { ...envVar, secret_name: "1-TOKEN" } }, "auth.secret_name"],
    ["no secret_value", { auth: { type: "environment_variable", secret_name: "A" } }, "auth.secret_value"],
    ["an auth member of another type", { auth: { ...envVar, token: "lin_secret_x" } }, "auth.token"],
    ["an unknown auth member", { auth: { ...envVar, injection_location: "env" } }, "auth.injection_location"],
    ["a display_name of 256 characters", { auth: bearer, display_name: "d".repeat(256) }, "display_name"],
    ["an unknown field", { auth: bearer, protocol: "sse" }, "protocol"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    const reply = await api.post(path, body);

    expectInvalid(reply, param);
    expect(ctx.emulator.vault(vaultId)!.credentials).toEqual([]);
  });

  test("mcp_oauth is answered as not implemented", async () => {
    const reply = await api.post(path, { auth: { type: "mcp_oauth", mcp_server_url: "https://x.dev" } });

    expect(reply.body.error.message).toBe("The emulator does not implement 'mcp_oauth' credentials.");
  });

  test("an mcp_server_url of 2048 characters is accepted", async () => {
    const url = `https://a.dev/${"p".repeat(2034)}`;
    expect((await create({ auth: { ...bearer, mcp_server_url: url } })).auth.mcp_server_url).toBe(url);
  });

  test("update with a new auth replaces the secret, recorded in the secret history; display_name and metadata patch", async () => {
    const created = await create({ auth: bearer, display_name: "Linear", metadata: { a: "1", b: "2" } });

    const reply = await api.post(`${path}/${created.id}`, {
      auth: { type: "static_bearer", token: "lin_secret_2" },
      display_name: null,
      metadata: { a: null },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...created, display_name: null, metadata: { b: "2" }, updated_at: expect.stringMatching(TIMESTAMP) });
    expect(reply.body.updated_at > created.updated_at).toBe(true);
    await api.post(`${path}/${created.id}`, { auth: { ...bearer, token: "lin_secret_3" } });
    await api.post(`${path}/${created.id}`, { display_name: "Linear again" });
    expect(ctx.emulator.vault(vaultId)!.credentials[0]).toMatchObject({
      display_name: "Linear again",
      secretHistory: ["lin_secret_1", "lin_secret_2", "lin_secret_3"],
    });
  });

  test("an environment_variable credential rotates its secret_value, keeping its name", async () => {
    const created = await create({ auth: envVar });

    const reply = await api.post(`${path}/${created.id}`, { auth: { ...envVar, secret_value: "npm_secret_2" } });

    expect(reply.body.auth).toEqual({ type: "environment_variable", secret_name: "NPM_TOKEN" });
    expect(ctx.emulator.vault(vaultId)!.credentials[0]!.secretHistory).toEqual(["npm_secret_1", "npm_secret_2"]);
  });

  test.each([
    [
      "auth of another type",
      { auth: envVar },
      "auth.type",
      "Field 'auth.type' cannot be changed from 'static_bearer'; create a new credential instead.",
    ],
    [
      "another mcp_server_url",
      { auth: { ...bearer, mcp_server_url: "https://other.dev/mcp", token: "lin_secret_2" } },
      "auth.mcp_server_url",
      "Field 'auth.mcp_server_url' cannot be changed; create a new credential instead.",
    ],
    [
      "auth without a token",
      { auth: { type: "static_bearer", mcp_server_url: bearer.mcp_server_url } },
      "auth.token",
      "Field 'auth.token' is required.",
    ],
    ["a null auth", { auth: null }, "auth", "Field 'auth' cannot be cleared."],
    ["an unknown field", { vault_id: "vault_other" }, "vault_id", "Unknown field 'vault_id'."],
  ])("update with %s is a 400 naming the param, and keeps the secret", async (_rule, body, param, message) => {
    const created = await create();

    const reply = await api.post(`${path}/${created.id}`, body);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ type: "invalid_request_error", message, param });
    expect(ctx.emulator.vault(vaultId)!.credentials[0]!.secretHistory).toEqual(["lin_secret_1"]);
  });

  test("a secret_name cannot change either", async () => {
    const created = await create({ auth: envVar });

    expectInvalid(await api.post(`${path}/${created.id}`, { auth: { ...envVar, secret_name: "OTHER" } }), "auth.secret_name");
  });

  test("archive sets archived_at once; an archived credential refuses updates and is listed only with include_archived", async () => {
    const created = await create();

    const archived = await api.post(`${path}/${created.id}/archive`);
    const again = await api.post(`${path}/${created.id}/archive`);

    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).toMatch(TIMESTAMP);
    expect(again.body).toEqual(archived.body);
    const update = await api.post(`${path}/${created.id}`, { auth: { ...bearer, token: "lin_secret_2" } });
    expect(update.status).toBe(400);
    expect(update.body.error.message).toBe(`Vault credential '${created.id}' is archived; it cannot be updated.`);
    expect((await api.get(path)).body.data).toEqual([]);
    expect((await api.get(`${path}?include_archived=true`)).body.data).toEqual([archived.body]);
  });

  test("an archived vault takes no new credential and lets none be updated, but still lists them", async () => {
    const created = await create();
    await api.post(`/vaults/${vaultId}/archive`);

    const added = await api.post(path, { auth: envVar });
    const updated = await api.post(`${path}/${created.id}`, { auth: { ...bearer, token: "lin_secret_2" } });

    for (const reply of [added, updated]) {
      expect(reply.status).toBe(400);
      expect(reply.body.error).toEqual({
        type: "invalid_request_error",
        message: `Vault '${vaultId}' is archived; its credentials cannot be added or updated.`,
      });
    }
    expect((await api.get(path)).body.data).toEqual([created]);
  });

  test("delete answers vault_credential_deleted; afterwards the credential is not found", async () => {
    const created = await create();

    const reply = await api.delete(`${path}/${created.id}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: created.id, type: "vault_credential_deleted" });
    const message = `Vault credential '${created.id}' was not found.`;
    expectNotFound(await api.get(`${path}/${created.id}`), message);
    expectNotFound(await api.post(`${path}/${created.id}`, { display_name: "x" }), message);
    expectNotFound(await api.post(`${path}/${created.id}/archive`), message);
    expectNotFound(await api.delete(`${path}/${created.id}`), message);
    expect(ctx.emulator.vault(vaultId)!.credentials).toEqual([]);
  });

  test("a credential is found only under its own vault", async () => {
    const created = await create();
    const other = (await api.post("/vaults", { display_name: "Other" })).body.id;

    expectNotFound(await api.get(`/vaults/${other}/credentials/${created.id}`), `Vault credential '${created.id}' was not found.`);
    expectNotFound(await api.get(`/vaults/vault_nope/credentials/${created.id}`), "Vault 'vault_nope' was not found.");
  });

  test("a keyed create is replayed without a second credential or secret", async () => {
    const headers = { "idempotency-key": "cred-1" };
    const first = await api.post(path, { auth: bearer }, headers);
    const replay = await api.post(path, { auth: bearer }, headers);
    const other = await api.post(path, { auth: { ...bearer, token: "lin_secret_2" } }, headers);

    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(other.status).toBe(409);
    expect(ctx.emulator.vault(vaultId)!.credentials).toEqual([expect.objectContaining({ secretHistory: ["lin_secret_1"] })]);
  });

  test("credentials page newest first across more than one page", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ auth: { ...envVar, secret_name: `TOKEN_${i}` } })).id);

    expect(await walkPages(api, `${path}?limit=2`)).toEqual({ ids: [...ids].reverse(), pageSizes: [2, 2, 1] });
  });
});
