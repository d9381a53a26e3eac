import { expectInvalid, expectNotFound, TIMESTAMP, useEmulator, walkPages } from "./support";

// `/vaults` and their credentials (docs/api-contract.md#vaults).
describe("vaults", () => {
  const ctx = useEmulator();

  async function createVault(body: Record<string, unknown> = { display_name: "Team secrets" }) {
    const reply = await ctx.api.post("/vaults", body);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  test("create answers 201 with the vault, which get and list return", async () => {
    const reply = await ctx.api.post("/vaults", { display_name: "Team secrets", metadata: { team: "ops" } });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^vault_[0-9a-f]{32}$/),
      type: "vault",
      display_name: "Team secrets",
      metadata: { team: "ops" },
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await ctx.api.get(`/vaults/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await ctx.api.get("/vaults")).body.data).toEqual([reply.body]);
  });

  test.each([
    ["no display_name", {}, "display_name"],
    ["an empty display_name", { display_name: "" }, "display_name"],
    ["a display_name of 256 characters", { display_name: "d".repeat(256) }, "display_name"],
    ["a display_name that is a number", { display_name: 1 }, "display_name"],
    ["metadata with a number", { display_name: "d", metadata: { a: 1 } }, "metadata.a"],
    ["the older credentials array", { display_name: "d", credentials: [] }, "credentials"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    expectInvalid(await ctx.api.post("/vaults", body), param);
    expect(ctx.emulator.vaults()).toEqual([]);
  });

  test("vaults have no update: POST /vaults/{id} matches no endpoint", async () => {
    const vault = await createVault();

    const reply = await ctx.api.post(`/vaults/${vault.id}`, { display_name: "Renamed" });

    expect(reply.status).toBe(404);
    expect(reply.body.error.message).toBe(`No endpoint matches POST /api/v1/cloud/vaults/${vault.id}.`);
    expect((await ctx.api.get(`/vaults/${vault.id}`)).body).toEqual(vault);
  });

  test("archive sets archived_at once and hides the vault from the default list", async () => {
    const vault = await createVault();

    const archived = await ctx.api.post(`/vaults/${vault.id}/archive`);
    const again = await ctx.api.post(`/vaults/${vault.id}/archive`);

    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).toMatch(TIMESTAMP);
    expect(again.body).toEqual(archived.body);
    expect((await ctx.api.get("/vaults")).body.data).toEqual([]);
    expect((await ctx.api.get("/vaults?include_archived=true")).body.data).toEqual([archived.body]);
  });

  test("delete answers vault_deleted and takes the credentials with it", async () => {
    const vault = await createVault();
    const credential = (
      await ctx.api.post(`/vaults/${vault.id}/credentials`, { auth: { type: "environment_variable", secret_name: "A", secret_value: "s" } })
    ).body;

    const reply = await ctx.api.delete(`/vaults/${vault.id}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: vault.id, type: "vault_deleted" });
    const message = `Vault '${vault.id}' was not found.`;
    expectNotFound(await ctx.api.get(`/vaults/${vault.id}`), message);
    expectNotFound(await ctx.api.get(`/vaults/${vault.id}/credentials/${credential.id}`), message);
    expectNotFound(await ctx.api.get(`/vaults/${vault.id}/credentials`), message);
    expectNotFound(
      await ctx.api.post(`/vaults/${vault.id}/credentials`, {
        auth: { type: "environment_variable", secret_name: "B", secret_value: "s" },
      }),
      message,
    );
    expectNotFound(await ctx.api.delete(`/vaults/${vault.id}`), message);
  });

  test("unknown vault ids answer the not-found wording", async () => {
    const message = "Vault 'vault_nope' was not found.";
    expectNotFound(await ctx.api.get("/vaults/vault_nope"), message);
    expectNotFound(await ctx.api.post("/vaults/vault_nope/archive"), message);
    expectNotFound(await ctx.api.delete("/vaults/vault_nope"), message);
  });

  test("a keyed create is replayed; the key with another body is a 409", async () => {
    const headers = { "idempotency-key": "vault-1" };
    const first = await ctx.api.post("/vaults", { display_name: "A" }, headers);
    const replay = await ctx.api.post("/vaults", { display_name: "A" }, headers);
    const other = await ctx.api.post("/vaults", { display_name: "B" }, headers);

    expect(replay.text).toBe(first.text);
    expect(other.status).toBe(409);
    expect(ctx.emulator.vaults()).toHaveLength(1);
  });

  test("vaults page newest first across more than one page", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createVault({ display_name: `v${i}` })).id);

    expect(await walkPages(ctx.api, "/vaults?limit=2")).toEqual({ ids: [...ids].reverse(), pageSizes: [2, 1] });
  });

  test("test controls see vaults with their credentials, and archive or delete them out of band", async () => {
    const vault = await createVault();
    const path = `/vaults/${vault.id}/credentials`;
    const credential = (
      await ctx.api.post(path, { auth: { type: "static_bearer", mcp_server_url: "https://mcp.example.com", token: "tok_1" } })
    ).body;
    await ctx.api.post(`${path}/${credential.id}`, { auth: { type: "static_bearer", token: "tok_2" } });

    expect(ctx.emulator.vault(vault.id)).toEqual({
      ...vault,
      credentials: [
        { ...(await ctx.api.get(`${path}/${credential.id}`)).body, secretHistory: ["tok_1", "tok_2"], secrets: { token: "tok_2" } },
      ],
    });
    ctx.emulator.vault(vault.id)!.credentials[0]!.secretHistory.push("mutated copy");
    expect(ctx.emulator.vaults()[0]!.credentials[0]!.secretHistory).toEqual(["tok_1", "tok_2"]);

    ctx.emulator.deleteVaultCredential(vault.id, credential.id);
    expectNotFound(await ctx.api.get(`${path}/${credential.id}`), `Vault credential '${credential.id}' was not found.`);
    expect(() => ctx.emulator.deleteVaultCredential(vault.id, credential.id)).toThrow(/was not found/);

    const archived = ctx.emulator.archiveVault(vault.id);
    expect((await ctx.api.get(`/vaults/${vault.id}`)).body.archived_at).toBe(archived.archived_at);
    ctx.emulator.deleteVault(vault.id);
    expect(ctx.emulator.vault(vault.id)).toBeUndefined();
    expect((await ctx.api.get(`/vaults/${vault.id}`)).status).toBe(404);
  });
});
