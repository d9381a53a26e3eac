import { createBody, expectInvalid, expectNotFound, TIMESTAMP, useEmulator } from "./support";

// `/environments` (/work/shared/api/qoder-cloud-api.md §6.2 and §11).
describe("environments", () => {
  const ctx = useEmulator();

  const limitedConfig = {
    type: "cloud",
    networking: { type: "limited", allowed_hosts: ["github.com", "pypi.org"], allow_package_managers: true, allow_mcp_servers: false },
    packages: { apt: ["git"], pip: ["requests==2.32.0"], npm: [] },
    setup_script: "make deps",
  };

  async function create(body: Record<string, unknown> = { name: "Backend" }) {
    const reply = await ctx.api.post("/environments", body);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  test("create answers 201 with the environment and its config as given, which get returns", async () => {
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
      config: limitedConfig,
      metadata: { team: "api" },
      archived_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: reply.body.created_at,
    });
    expect((await ctx.api.get(`/environments/${reply.body.id}`)).body).toEqual(reply.body);
    expect((await ctx.api.get("/environments")).body.data).toEqual([reply.body]);
  });

  test("without config the environment is a cloud one with unrestricted networking; description and metadata default to null and {}", async () => {
    expect(await create({ name: "Bare" })).toMatchObject({
      description: null,
      config: { type: "cloud", networking: { type: "unrestricted" } },
      metadata: {},
    });
    expect((await create({ name: "Open", config: { type: "cloud" } })).config).toEqual({
      type: "cloud",
      networking: { type: "unrestricted" },
    });
  });

  test.each([
    ["no name", {}, "name"],
    ["a name of 257 characters", { name: "n".repeat(257) }, "name"],
    ["a description that is a number", { name: "n", description: 3 }, "description"],
    ["a config that is a string", { name: "n", config: "cloud" }, "config"],
    ["a config without type", { name: "n", config: { networking: { type: "unrestricted" } } }, "config.type"],
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
      "limited networking without allowed_hosts",
      { name: "n", config: { type: "cloud", networking: { type: "limited" } } },
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
    ["packages that are not an object", { name: "n", config: { type: "cloud", packages: ["git"] } }, "config.packages"],
    ["an unknown package manager", { name: "n", config: { type: "cloud", packages: { brew: ["git"] } } }, "config.packages.brew"],
    ["a package list that is a string", { name: "n", config: { type: "cloud", packages: { npm: "left-pad" } } }, "config.packages.npm"],
    ["a setup_script that is not a string", { name: "n", config: { type: "cloud", setup_script: ["make"] } }, "config.setup_script"],
    ["an unknown field", { name: "n", scope: "account" }, "scope"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    expectInvalid(await ctx.api.post("/environments", body), param);
    expect(ctx.emulator.environments()).toEqual([]);
  });

  test("update keeps omitted fields, replaces config whole, and deletes metadata keys given null or an empty string", async () => {
    const created = await create({ name: "Backend", description: "Old", config: limitedConfig, metadata: { a: "1", b: "2", c: "3" } });

    const reply = await ctx.api.post(`/environments/${created.id}`, {
      description: null,
      config: { type: "cloud", networking: { type: "unrestricted" } },
      metadata: { a: null, b: "", d: "4" },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      ...created,
      description: null,
      config: { type: "cloud", networking: { type: "unrestricted" } },
      metadata: { c: "3", d: "4" },
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect(reply.body.updated_at > created.updated_at).toBe(true);
    expect((await ctx.api.post(`/environments/${created.id}`, { name: "Renamed" })).body).toMatchObject({
      name: "Renamed",
      config: { type: "cloud", networking: { type: "unrestricted" } },
      metadata: { c: "3", d: "4" },
    });
  });

  test.each([
    ["a null name", { name: null }, "name"],
    ["a null config", { config: null }, "config"],
    [
      "a config with limited networking and no hosts",
      { config: { type: "cloud", networking: { type: "limited" } } },
      "config.networking.allowed_hosts",
    ],
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

    const updated = ctx.emulator.updateEnvironment(environment.id, { config: limitedConfig as never, metadata: { team: "" } });
    expect(updated).toMatchObject({ config: limitedConfig, metadata: {} });
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
