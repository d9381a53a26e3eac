import { createBody, expectInvalid, expectNotFound, TIMESTAMP, useEmulator } from "./support";

// `/environments` (docs/api-contract.md#environments).
describe("environments", () => {
  const ctx = useEmulator();

  const limitedConfig = {
    type: "cloud",
    networking: { type: "limited", allowed_hosts: ["github.com", "pypi.org"], allow_package_managers: true, allow_mcp_servers: false },
    packages: { apt: ["git"], pip: ["requests==2.32.0"], npm: [] },
    setup_script: "make deps",
  };
  /** `limitedConfig` as the API answers it: every package list, `type: "packages"`. */
  const limitedConfigAnswered = {
    ...limitedConfig,
    packages: { type: "packages", apt: ["git"], cargo: [], gem: [], go: [], npm: [], pip: ["requests==2.32.0"] },
  };
  const noPackages = { type: "packages", apt: [], cargo: [], gem: [], go: [], npm: [], pip: [] };
  const unrestrictedConfig = { type: "cloud", networking: { type: "unrestricted" }, packages: noPackages };

  async function create(body: Record<string, unknown> = { name: "Backend" }) {
    const reply = await ctx.api.post("/environments", body);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  /** Updates the environment and returns its answered config, after checking the update succeeded. */
  async function updatedConfig(id: string, config: Record<string, unknown>) {
    const reply = await ctx.api.post(`/environments/${id}`, { config });
    expect(reply.status).toBe(200);
    return reply.body.config;
  }

  test("create answers 201 with the environment and its config completed, which get returns", async () => {
    const reply = await ctx.api.post("/environments", {
      name: "Backend",
      description: "Python 3.12",
      config: limitedConfig,
      metadata: { team: "api" },
    });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^env_[0-9a-f]{32}$/),
      type: "environment",
      name: "Backend",
      description: "Python 3.12",
      config: limitedConfigAnswered,
      metadata: { team: "api" },
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await ctx.api.get(`/environments/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await ctx.api.get("/environments")).body.data).toEqual([reply.body]);
  });

  test('without config the environment is cloud, unrestricted, with six empty package lists; description and metadata default to "" and {}', async () => {
    const bare = await create({ name: "Bare" });
    expect(bare).toMatchObject({ description: "", config: unrestrictedConfig, metadata: {} });
    expect(bare).not.toHaveProperty("scope");
    expect((await create({ name: "Null", description: null, config: null })).config).toEqual(unrestrictedConfig);
    expect((await create({ name: "Open", config: { type: "cloud" } })).config).toEqual(unrestrictedConfig);
  });

  test("a config may leave out its type, and packages may carry type 'packages'", async () => {
    const config = await create({ name: "n", config: { packages: { type: "packages", apt: ["curl"] } } });

    expect(config.config).toEqual({ ...unrestrictedConfig, packages: { ...noPackages, apt: ["curl"] } });
  });

  test("limited networking is answered with every member: hosts may be empty, the flags default to false", async () => {
    const config = (await create({ name: "n", config: { type: "cloud", networking: { type: "limited" } } })).config;

    expect(config.networking).toEqual({ type: "limited", allowed_hosts: [], allow_package_managers: false, allow_mcp_servers: false });
  });

  test.each([
    ["no members", {}, { type: "unrestricted" }],
    [
      "allowed_hosts",
      { allowed_hosts: ["a.com"] },
      { type: "limited", allowed_hosts: ["a.com"], allow_package_managers: false, allow_mcp_servers: false },
    ],
    [
      "allow_mcp_servers",
      { allow_mcp_servers: true },
      { type: "limited", allowed_hosts: [], allow_package_managers: false, allow_mcp_servers: true },
    ],
    [
      "allow_package_managers",
      { allow_package_managers: true },
      { type: "limited", allowed_hosts: [], allow_package_managers: true, allow_mcp_servers: false },
    ],
  ])("a create's networking without type and with %s is inferred", async (_members, networking, expected) => {
    expect((await create({ name: "n", config: { networking } })).config.networking).toEqual(expected);
  });

  test("scope is stored and answered only when set; update sets it, keeps it when absent and clears it with null", async () => {
    const created = await create({ name: "n", scope: "organization" });
    expect(created.scope).toBe("organization");
    expect(await create({ name: "m", scope: null })).not.toHaveProperty("scope");

    expect((await ctx.api.post(`/environments/${created.id}`, { name: "renamed" })).body.scope).toBe("organization");
    expect((await ctx.api.post(`/environments/${created.id}`, { scope: "account" })).body.scope).toBe("account");
    expect((await ctx.api.post(`/environments/${created.id}`, { scope: null })).body).not.toHaveProperty("scope");
  });

  test.each([
    ["no name", {}, "name"],
    ["a name of 257 characters", { name: "n".repeat(257) }, "name"],
    ["a description that is a number", { name: "n", description: 3 }, "description"],
    ["a config that is a string", { name: "n", config: "cloud" }, "config"],
    ["a config of another type", { name: "n", config: { type: "local" } }, "config.type"],
    ["a self-hosted config", { name: "n", config: { type: "self_hosted" } }, "config.type"],
    ["an unknown config member", { name: "n", config: { type: "cloud", scope: "account" } }, "config.scope"],
    [
      "networking of an unknown type",
      { name: "n", config: { type: "cloud", networking: { type: "allowed_hosts" } } },
      "config.networking.type",
    ],
    [
      "unrestricted networking with hosts",
      { name: "n", config: { type: "cloud", networking: { type: "unrestricted", allowed_hosts: [] } } },
      "config.networking.allowed_hosts",
    ],
    [
      "an allowed host that is empty",
      { name: "n", config: { type: "cloud", networking: { type: "limited", allowed_hosts: ["a.com", ""] } } },
      "config.networking.allowed_hosts[1]",
    ],
    [
      "allow_mcp_servers that is not a boolean",
      { name: "n", config: { type: "cloud", networking: { type: "limited", allowed_hosts: [], allow_mcp_servers: "yes" } } },
      "config.networking.allow_mcp_servers",
    ],
    [
      "packages under limited networking that does not allow package managers",
      { name: "n", config: { networking: { type: "limited", allowed_hosts: ["a.com"] }, packages: { pip: ["requests"] } } },
      "config.networking.allow_package_managers",
    ],
    ["packages that are not an object", { name: "n", config: { type: "cloud", packages: ["git"] } }, "config.packages"],
    ["packages of another type", { name: "n", config: { type: "cloud", packages: { type: "apt" } } }, "config.packages.type"],
    ["an unknown package manager", { name: "n", config: { type: "cloud", packages: { brew: ["git"] } } }, "config.packages.brew"],
    ["a package list that is a string", { name: "n", config: { type: "cloud", packages: { npm: "left-pad" } } }, "config.packages.npm"],
    ["a setup_script that is not a string", { name: "n", config: { type: "cloud", setup_script: ["make"] } }, "config.setup_script"],
    ["a scope of another value", { name: "n", scope: "team" }, "scope"],
    ["an unknown field", { name: "n", status: "ready" }, "status"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    expectInvalid(await ctx.api.post("/environments", body), param);
    expect(ctx.emulator.environments()).toEqual([]);
  });

  test("a self-hosted config is answered as not implemented", async () => {
    const reply = await ctx.api.post("/environments", { name: "n", config: { type: "self_hosted" } });

    expect(reply.body.error.message).toBe("The emulator does not implement self-hosted environments.");
  });

  test("update keeps omitted fields, clears the description with null, and deletes metadata keys given null or an empty string", async () => {
    const created = await create({ name: "Backend", description: "Old", config: limitedConfig, metadata: { a: "1", b: "2", c: "3" } });

    const reply = await ctx.api.post(`/environments/${created.id}`, { description: null, metadata: { a: null, b: "", d: "4" } });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...created, description: "", metadata: { c: "3", d: "4" }, updated_at: expect.stringMatching(TIMESTAMP) });
    expect(reply.body.updated_at > created.updated_at).toBe(true);
    expect((await ctx.api.post(`/environments/${created.id}`, { name: "Renamed", config: {} })).body).toMatchObject({
      name: "Renamed",
      config: limitedConfigAnswered,
      metadata: { c: "3", d: "4" },
    });
  });

  test("an update's setup_script: absent keeps it, a string replaces it, null removes it", async () => {
    const { id } = await create({ name: "n", config: { type: "cloud", setup_script: "make deps" } });

    expect((await updatedConfig(id, { type: "cloud" })).setup_script).toBe("make deps");
    expect((await updatedConfig(id, { setup_script: "make all" })).setup_script).toBe("make all");
    expect(await updatedConfig(id, { type: "cloud", setup_script: null })).toEqual(unrestrictedConfig);
  });

  test("an update's networking: absent or null keeps it, unrestricted replaces it", async () => {
    const { id } = await create({ name: "n", config: limitedConfig });

    expect((await updatedConfig(id, { setup_script: "x" })).networking).toEqual(limitedConfig.networking);
    expect((await updatedConfig(id, { networking: null })).networking).toEqual(limitedConfig.networking);
    expect((await updatedConfig(id, { networking: { type: "unrestricted" }, packages: { pip: [] } })).networking).toEqual({
      type: "unrestricted",
    });
  });

  test("limited networking given over limited networking replaces the members given and keeps the others", async () => {
    const { id } = await create({ name: "n", config: limitedConfig });

    expect((await updatedConfig(id, { networking: { type: "limited", allow_mcp_servers: true } })).networking).toEqual({
      ...limitedConfig.networking,
      allow_mcp_servers: true,
    });
    expect((await updatedConfig(id, { networking: { type: "limited", allowed_hosts: ["gitlab.com"] } })).networking).toEqual({
      type: "limited",
      allowed_hosts: ["gitlab.com"],
      allow_package_managers: true,
      allow_mcp_servers: true,
    });
  });

  test("limited networking given over unrestricted networking starts from no hosts and false flags", async () => {
    const { id } = await create({ name: "n" });

    expect((await updatedConfig(id, { networking: { type: "limited", allow_mcp_servers: true } })).networking).toEqual({
      type: "limited",
      allowed_hosts: [],
      allow_package_managers: false,
      allow_mcp_servers: true,
    });
  });

  test("an update's networking without type is merged into the stored networking, keeping its type", async () => {
    const limited = await create({ name: "n", config: limitedConfig });
    const open = await create({ name: "m" });

    expect((await updatedConfig(limited.id, { networking: { allowed_hosts: ["a.com"] } })).networking).toEqual({
      ...limitedConfig.networking,
      allowed_hosts: ["a.com"],
    });
    expect((await updatedConfig(open.id, { networking: {} })).networking).toEqual({ type: "unrestricted" });
    expectInvalid(
      await ctx.api.post(`/environments/${open.id}`, { config: { networking: { allowed_hosts: ["a.com"] } } }),
      "config.networking.type",
    );
  });

  test("an update's packages replace the lists given, per package manager; [] empties one, absent or null keeps it", async () => {
    const { id } = await create({ name: "n", config: limitedConfig });

    const config = await updatedConfig(id, { packages: { type: "packages", npm: ["pnpm@9"], apt: [], pip: null } });

    expect(config.packages).toEqual({ ...noPackages, npm: ["pnpm@9"], pip: ["requests==2.32.0"] });
    expect((await updatedConfig(id, { packages: null })).packages).toEqual(config.packages);
  });

  test.each([
    ["networking that stops allowing package managers", { networking: { type: "limited", allow_package_managers: false } }],
    ["a flag given without type", { networking: { allow_package_managers: false } }],
  ])("an update leaving packages under limited networking without package managers is a 400: %s", async (_rule, config) => {
    const created = await create({ name: "n", config: limitedConfig });

    expectInvalid(await ctx.api.post(`/environments/${created.id}`, { config }), "config.networking.allow_package_managers");
    expect((await ctx.api.get(`/environments/${created.id}`)).body).toEqual(created);
  });

  test("packages may be added under limited networking once it allows package managers, and emptied without it", async () => {
    const { id } = await create({ name: "n", config: { networking: { type: "limited", allowed_hosts: ["a.com"] } } });

    expectInvalid(
      await ctx.api.post(`/environments/${id}`, { config: { packages: { go: ["x"] } } }),
      "config.networking.allow_package_managers",
    );
    const allowed = await updatedConfig(id, { networking: { allow_package_managers: true }, packages: { go: ["x"] } });
    expect(allowed.packages.go).toEqual(["x"]);
    expect((await updatedConfig(id, { networking: { allow_package_managers: false }, packages: { go: [] } })).packages).toEqual(noPackages);
  });

  test.each([
    ["a null name", { name: null }, "name"],
    ["a null config", { config: null }, "config"],
    ["a self-hosted config", { config: { type: "self_hosted" } }, "config.type"],
    ["packages of another type", { config: { packages: { type: "npm" } } }, "config.packages.type"],
    ["a setup_script that is a number", { config: { setup_script: 3 } }, "config.setup_script"],
    ["a scope of another value", { scope: "team" }, "scope"],
    ["an unknown field", { status: "ready" }, "status"],
  ])("update with %s is a 400 naming the param and changes nothing", async (_rule, body, param) => {
    const created = await create({ name: "Backend", config: limitedConfig });

    expectInvalid(await ctx.api.post(`/environments/${created.id}`, body), param);
    expect((await ctx.api.get(`/environments/${created.id}`)).body).toEqual(created);
  });

  test("archive sets archived_at once; an archived environment refuses updates and is listed only with include_archived", async () => {
    const created = await create();

    const archived = await ctx.api.post(`/environments/${created.id}/archive`);
    const again = await ctx.api.post(`/environments/${created.id}/archive`);

    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).toMatch(TIMESTAMP);
    expect(again.body).toEqual(archived.body);
    const update = await ctx.api.post(`/environments/${created.id}`, { name: "Late" });
    expect(update.status).toBe(400);
    expect(update.body.error.message).toBe(`Environment '${created.id}' is archived; it cannot be updated.`);
    expect((await ctx.api.get("/environments")).body.data).toEqual([]);
    expect((await ctx.api.get("/environments?include_archived=true")).body.data).toEqual([archived.body]);
  });

  test("delete is a 409 while a session that is not archived uses the environment, and succeeds once it is archived", async () => {
    const environment = await create();
    const session = (await ctx.api.post("/sessions", createBody({ environment_id: environment.id }))).body;

    const refused = await ctx.api.delete(`/environments/${environment.id}`);

    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      type: "invalid_request_error",
      message: `Environment '${environment.id}' is still used by 1 session that is not archived (${session.id}); archive them, or archive the environment instead.`,
    });
    expect((await ctx.api.get(`/environments/${environment.id}`)).status).toBe(200);

    await ctx.api.post(`/sessions/${session.id}/archive`);
    const deleted = await ctx.api.delete(`/environments/${environment.id}`);

    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: environment.id, type: "environment_deleted" });
    expectNotFound(await ctx.api.get(`/environments/${environment.id}`), `Environment '${environment.id}' was not found.`);
    expect((await ctx.api.get(`/sessions/${session.id}`)).body.environment_id).toBe(environment.id);
  });

  test("sessions using other environments do not block a delete", async () => {
    const environment = await create();
    await ctx.api.post("/sessions", createBody());

    expect((await ctx.api.delete(`/environments/${environment.id}`)).status).toBe(200);
  });

  test("unknown ids answer the not-found wording on every endpoint", async () => {
    const message = "Environment 'env_nope' was not found.";
    expectNotFound(await ctx.api.get("/environments/env_nope"), message);
    expectNotFound(await ctx.api.post("/environments/env_nope", { name: "x" }), message);
    expectNotFound(await ctx.api.post("/environments/env_nope/archive"), message);
    expectNotFound(await ctx.api.delete("/environments/env_nope"), message);
  });

  test("a create with an Idempotency-Key is replayed; the key with another body is a 409", async () => {
    const headers = { "idempotency-key": "env-1" };
    const first = await ctx.api.post("/environments", { name: "Backend", config: limitedConfig }, headers);
    const replay = await ctx.api.post("/environments", { config: limitedConfig, name: "Backend" }, headers);
    const other = await ctx.api.post("/environments", { name: "Frontend" }, headers);

    expect(replay.text).toBe(first.text);
    expect(other.status).toBe(409);
    expect(ctx.emulator.environments()).toHaveLength(1);
  });

  test("test controls update, archive and delete environments out of band, following the API's rules", async () => {
    const environment = await create({ name: "Backend", metadata: { team: "api" } });

    const updated = ctx.emulator.updateEnvironment(environment.id, {
      config: { networking: { type: "limited", allowed_hosts: ["a.com"] }, setup_script: "make" },
      metadata: { team: "" },
    });
    expect(updated).toMatchObject({
      config: { ...unrestrictedConfig, networking: { type: "limited", allowed_hosts: ["a.com"] }, setup_script: "make" },
      metadata: {},
    });
    expect((await ctx.api.get(`/environments/${environment.id}`)).body).toEqual(updated);
    expect(() => ctx.emulator.updateEnvironment(environment.id, { config: { type: "local" } as never })).toThrow(/config\.type/);

    const session = (await ctx.api.post("/sessions", createBody({ environment_id: environment.id }))).body;
    expect(() => ctx.emulator.deleteEnvironment(environment.id)).toThrow(/is still used by 1 session/);

    const archived = ctx.emulator.archiveEnvironment(environment.id);
    expect(ctx.emulator.environment(environment.id)!.archived_at).toBe(archived.archived_at);
    ctx.emulator.archiveSession(session.id);
    ctx.emulator.deleteEnvironment(environment.id);
    expect(ctx.emulator.environment(environment.id)).toBeUndefined();
    expect((await ctx.api.get(`/environments/${environment.id}`)).status).toBe(404);
  });
});
