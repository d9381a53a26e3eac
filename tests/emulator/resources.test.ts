import { AGENT_ID, createBody, ENVIRONMENT_ID, TIMESTAMP, useEmulator } from "./support";

describe("session resources", () => {
  const ctx = useEmulator();

  async function createSession(overrides: Record<string, unknown> = {}) {
    const reply = await ctx.api.post("/sessions", createBody(overrides));
    expect(reply.status).toBe(201);
    return reply.body as { id: string; updated_at: string; resources: { id: string; updated_at: string }[] };
  }

  test("get returns the resource as the session lists it; unknown ids are 404s that name them", async () => {
    const session = await createSession();
    const resource = session.resources[0]!;

    const found = await ctx.api.get(`/sessions/${session.id}/resources/${resource.id}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(resource);

    const unknownResource = await ctx.api.get(`/sessions/${session.id}/resources/sesr_000000000000000000000000`);
    expect(unknownResource.status).toBe(404);
    expect(unknownResource.body.error.message).toBe("Session resource 'sesr_000000000000000000000000' was not found.");

    const unknownSession = await ctx.api.get(`/sessions/sess_gone/resources/${resource.id}`);
    expect(unknownSession.body.error.message).toBe("Session 'sess_gone' was not found.");
  });

  test.each(["github_repository", "git_repository"])("adding a %s after create is refused with 400", async (type) => {
    const session = await createSession();

    const reply = await ctx.api.post(`/sessions/${session.id}/resources`, {
      type,
      url: "https://github.com/acme/extra",
      authorization_token: "t",
    });

    expect(reply.status).toBe(400);
    expect(reply.body.error.type).toBe("invalid_request_error");
    expect(reply.body.error.message).toMatch(/Repositories can only be attached when the session is created/);
    expect(ctx.emulator.session(session.id)!.resources).toHaveLength(1);
  });

  test("a file can be added, mounted under /mnt/session/uploads by default", async () => {
    const session = await createSession();

    const reply = await ctx.api.post(`/sessions/${session.id}/resources`, { type: "file", file_id: "file_abc" });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^sesr_[0-9a-f]{24}$/),
      type: "file",
      file_id: "file_abc",
      mount_path: "/mnt/session/uploads/file_abc",
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect((await ctx.api.get(`/sessions/${session.id}`)).body.resources).toHaveLength(2);
  });

  test("adding to an archived session is a 409 typed invalid_request_error", async () => {
    const session = await createSession();
    await ctx.api.post(`/sessions/${session.id}/archive`);

    const reply = await ctx.api.post(`/sessions/${session.id}/resources`, { type: "file", file_id: "file_abc" });

    expect(reply.status).toBe(409);
    expect(reply.body.error.type).toBe("invalid_request_error");
  });

  test("token rotation answers the resource without the token, bumps updated_at and records the token", async () => {
    const session = await createSession();
    const resource = session.resources[0]!;

    const reply = await ctx.api.post(`/sessions/${session.id}/resources/${resource.id}`, { authorization_token: "ghp_second" });

    expect(reply.status).toBe(200);
    expect(reply.text).not.toContain("ghp_second");
    expect(reply.body).toEqual({ ...resource, updated_at: expect.stringMatching(TIMESTAMP) });
    expect(reply.body.updated_at > resource.updated_at).toBe(true);
    expect(ctx.emulator.session(session.id)!.resources[0]!.credentialHistory).toEqual(["ghp_first", "ghp_second"]);
    expect((await ctx.api.get(`/sessions/${session.id}`)).text).not.toContain("ghp_");
  });

  test("a git_repository rotates its password", async () => {
    const session = await createSession({
      resources: [{ type: "git_repository", url: "https://bot@git.example.com/acme/app.git", password: "pw1" }],
    });
    const resource = session.resources[0]!;

    const reply = await ctx.api.post(`/sessions/${session.id}/resources/${resource.id}`, { password: " pw2 " });

    expect(reply.status).toBe(200);
    expect(ctx.emulator.session(session.id)!.resources[0]!.credentialHistory).toEqual(["pw1", " pw2 "]);
  });

  test.each([
    ["no authorization_token", {}, "authorization_token"],
    ["an empty authorization_token", { authorization_token: "" }, "authorization_token"],
    ["a token that is not a string", { authorization_token: 42 }, "authorization_token"],
    ["two different credentials", { authorization_token: "a", password: "b" }, "password"],
    ["a new url", { authorization_token: "a", url: "https://github.com/acme/other" }, "url"],
  ])("rotation with %s is a 400 and records nothing", async (_rule, body, param) => {
    const session = await createSession();
    const resource = session.resources[0]!;

    const reply = await ctx.api.post(`/sessions/${session.id}/resources/${resource.id}`, body);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: "invalid_request_error", param });
    expect(ctx.emulator.session(session.id)!.resources[0]!.credentialHistory).toEqual(["ghp_first"]);
  });

  test("the same credential in both fields is accepted", async () => {
    const session = await createSession();
    const reply = await ctx.api.post(`/sessions/${session.id}/resources/${session.resources[0]!.id}`, {
      authorization_token: "same",
      password: "same",
    });
    expect(reply.status).toBe(200);
  });

  test("rotation on an archived session is a 400", async () => {
    const session = await createSession();
    await ctx.api.post(`/sessions/${session.id}/archive`);

    const reply = await ctx.api.post(`/sessions/${session.id}/resources/${session.resources[0]!.id}`, { authorization_token: "late" });

    expect(reply.status).toBe(400);
    expect(ctx.emulator.session(session.id)!.resources[0]!.credentialHistory).toEqual(["ghp_first"]);
  });

  test("a file resource has no credential to rotate", async () => {
    const session = ctx.emulator.seedSession({
      agent: AGENT_ID,
      environment_id: ENVIRONMENT_ID,
      resources: [{ type: "file", file_id: "file_1" }],
    });

    const reply = await ctx.api.post(`/sessions/${session.id}/resources/${session.resources[0]!.id}`, { authorization_token: "x" });

    expect(reply.status).toBe(400);
  });

  test("delete answers session_resource_deleted and the resource is gone", async () => {
    const session = await createSession();
    const resource = session.resources[0]!;

    const deleted = await ctx.api.delete(`/sessions/${session.id}/resources/${resource.id}`);

    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: resource.id, type: "session_resource_deleted" });
    expect((await ctx.api.get(`/sessions/${session.id}/resources/${resource.id}`)).status).toBe(404);
    expect((await ctx.api.get(`/sessions/${session.id}/resources`)).body.data).toEqual([]);
  });

  // Tests simulate drift (a repository unmounted outside Pulumi) this way.
  test("deleting one repository removes it from the session's resources and the list, leaving the others", async () => {
    const session = await createSession({
      resources: [
        { type: "github_repository", url: "https://github.com/acme/backend", mount_path: "/app/backend", authorization_token: "ghp_b" },
        { type: "github_repository", url: "https://github.com/acme/frontend", mount_path: "/app/frontend", authorization_token: "ghp_f" },
        { type: "memory_store", memory_store_id: "memstore_notes" },
      ],
    });
    const [backend, frontend, memoryStore] = session.resources;

    const deleted = await ctx.api.delete(`/sessions/${session.id}/resources/${backend!.id}`);

    expect(deleted.body).toEqual({ id: backend!.id, type: "session_resource_deleted" });
    const after = (await ctx.api.get(`/sessions/${session.id}`)).body;
    expect(after.resources).toEqual([frontend, memoryStore]);
    expect(after.updated_at > session.updated_at).toBe(true);
    const list = await ctx.api.get(`/sessions/${session.id}/resources`);
    expect(list.body.data).toEqual([frontend, memoryStore]);
    expect(ctx.emulator.session(session.id)!.resources.map((r) => r.id)).toEqual([frontend!.id, undefined]);

    const path = `/sessions/${session.id}/resources/${backend!.id}`;
    expect((await ctx.api.get(path)).status).toBe(404);
    expect((await ctx.api.post(path, { authorization_token: "ghp_late" })).status).toBe(404);
    expect((await ctx.api.delete(path)).status).toBe(404);
  });
});
