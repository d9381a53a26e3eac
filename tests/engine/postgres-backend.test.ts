import { gunzipSync } from "node:zlib";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";
import { type RunningPostgres, startPostgres } from "../../engine/postgres";
import { perTestResources } from "./per-test";

// The root program with its state in PostgreSQL (Pulumi's DIY backend, `postgres://`), as a team
// sharing one backend runs it: a real server on 127.0.0.1 for this file, stopped after it.

const QODER_TOKEN = "qoder_pat_pg_backend_3c9d1e7a";
const GITHUB_TOKEN = "ghp_pg_backend_backend_6b2f8a0d";
const FRONTEND_TOKEN = "ghp_pg_backend_frontend_4e1c9b7f";
const ROTATED_TOKEN = "ghp_pg_backend_rotated_8d3a5c2e";
const ALL_SECRETS = [QODER_TOKEN, GITHUB_TOKEN, FRONTEND_TOKEN, ROTATED_TOKEN];
/** Each token raw, base64-encoded and URL-encoded. */
const SECRET_FORMS = ALL_SECRETS.flatMap((secret) => [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(secret)]);
const SESSION_TYPE = "pulumi-nodejs:dynamic/qoder:Session";

const backend = { url: "https://github.com/acme/backend", mountPath: "/app/backend" };
const frontend = { url: "https://github.com/acme/frontend", mountPath: "/app/frontend", tokenKey: "frontendToken" };
const backendFix = {
  name: "backend-fix",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: "Fix bug",
  repositories: [backend, frontend],
};
const docs = {
  name: "docs",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  repositories: [{ url: "https://github.com/acme/docs" }],
};

const mountPath = (resource: unknown) => (resource as { mount_path: string }).mount_path;
const writeLines = (emulator: RunningEmulator) => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
const active = (emulator: RunningEmulator) => emulator.sessions().filter((s) => !s.archived_at);
const byTitle = (emulator: RunningEmulator, title: string) => active(emulator).find((s) => s.title === title)!;

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
}, 60_000);

const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRET_FORMS);

/** A new stack of the root program, its state in the test's PostgreSQL database; nothing deployed yet. */
async function stackOn(emulator: RunningEmulator, stackName: string): Promise<EngineStack> {
  const config: ConfigMap = {
    "qoder-sessions:sessions": { value: JSON.stringify([backendFix, docs]) },
    "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
    "qoder-sessions:frontendToken": { value: FRONTEND_TOKEN, secret: true },
    "qoder:token": { value: QODER_TOKEN, secret: true },
    "qoder:apiUrl": { value: emulator.url },
  };
  const engine = await createEngineStack({
    source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
    stackName,
    backendUrl: postgres.url,
    config,
  });
  track(engine);
  return engine;
}

/** Every row of every table in the database, as JSON (psql run as the server's user). */
async function tableRows(): Promise<{ table: string; rows: Record<string, unknown>[] }[]> {
  const tables = (await postgres.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
    .split("\n")
    .filter(Boolean);
  return Promise.all(
    tables.map(async (table) => ({
      table,
      rows: JSON.parse(await postgres.psql(`SELECT coalesce(json_agg(t), '[]')::text FROM "${table}" t`)) as Record<string, unknown>[],
    })),
  );
}

/**
 * Everything the tables hold, as text: each string as stored and, where a string is base64 (the
 * backend stores each state file base64-encoded in a JSON column), decoded too (gunzipped when
 * compressed). Returns the text and the keys of the rows.
 */
async function databaseText(): Promise<{ text: string; keys: string[] }> {
  const parts: string[] = [];
  const keys: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === "string") {
      parts.push(value);
      if (value.length >= 8 && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0) {
        const bytes = Buffer.from(value, "base64");
        parts.push((bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8"));
      }
    } else if (value && typeof value === "object") {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  for (const { rows } of await tableRows()) {
    for (const row of rows) {
      if (typeof row.key === "string") keys.push(row.key);
      parts.push(JSON.stringify(row));
      visit(row);
    }
  }
  return { text: parts.join("\n"), keys };
}

/** No token in any form anywhere in the database; the check sees decoded state (the Sessions in it). */
async function expectNoTokenInDatabase(sessionIds: string[]) {
  const { text, keys } = await databaseText();
  expect(keys.some((key) => key.includes("qoder-sessions"))).toBe(true);
  for (const id of sessionIds) expect(text).toContain(id);
  expect(text).toContain(SESSION_TYPE);
  for (const form of SECRET_FORMS) expect({ form, inDatabase: text.includes(form) }).toEqual({ form, inDatabase: false });
  return keys;
}

describe("the root program with its state in PostgreSQL", () => {
  test("up, token rotation, replacement, refresh and destroy behave as on a file backend", async () => {
    const emulator = await newEmulator();
    const engine = await stackOn(emulator, "dev");
    const up = await engine.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    expect(active(emulator)).toHaveLength(2);
    const first = byTitle(emulator, "Fix bug");
    expect((await engine.stack.outputs()).sessionIds.value["backend-fix"]).toBe(first.id);

    // A token change: one rotation request, for that repository only.
    await engine.stack.setConfig("qoder-sessions:frontendToken", { value: ROTATED_TOKEN, secret: true });
    emulator.clearRequests();
    const rotation = await engine.stack.up();
    expect(rotation.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    const frontendResource = first.resources.find((r) => mountPath(r) === "/app/frontend")!;
    expect(writeLines(emulator)).toEqual([`POST /sessions/${first.id}/resources/${frontendResource.id}`]);
    expect(byTitle(emulator, "Fix bug").resources.find((r) => r.id === frontendResource.id)!.credentialHistory).toEqual([
      FRONTEND_TOKEN,
      ROTATED_TOKEN,
    ]);

    // A mount path change replaces the Session: the new one is created before the old one is archived.
    const moved = [{ ...backendFix, repositories: [{ ...backend, mountPath: "/srv/backend" }, frontend] }, docs];
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(moved) });
    emulator.clearRequests();
    const replace = await engine.stack.up();
    expect(replace.summary.resourceChanges).toEqual({ same: 2, replace: 1 });
    const second = byTitle(emulator, "Fix bug");
    expect(second.id).not.toBe(first.id);
    expect(second.resources.map(mountPath).sort()).toEqual(["/app/frontend", "/srv/backend"]);
    expect(emulator.session(first.id)!.archived_at).not.toBeNull();
    expect(writeLines(emulator)).toEqual(["POST /sessions", `POST /sessions/${first.id}/archive`]);

    // Refresh finds nothing to change and writes nothing.
    emulator.clearRequests();
    const refresh = await engine.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    expect(writeLines(emulator)).toEqual([]);
    const live = active(emulator).map((s) => s.id);
    await expectNoTokenInDatabase(live);

    await engine.stack.destroy();
    expect(active(emulator)).toEqual([]);
  }, 600_000);

  test("two stacks of one project run up at the same time: both succeed, each with its own Sessions; the database holds no token", async () => {
    const emulator = await newEmulator();
    const [alpha, beta] = [await stackOn(emulator, "alpha"), await stackOn(emulator, "beta")];
    const ups = await Promise.all([alpha.stack.up(), beta.stack.up()]);
    for (const up of ups) {
      expect(up.summary.result).toBe("succeeded");
      expect(up.summary.resourceChanges).toEqual({ create: 3 });
    }
    const ids = await Promise.all(
      [alpha, beta].map(async (engine) => (await engine.stack.outputs()).sessionIds.value as Record<string, string>),
    );
    const all = ids.flatMap((byName) => Object.values(byName));
    expect(new Set(all).size).toBe(4);
    expect(
      active(emulator)
        .map((s) => s.id)
        .sort(),
    ).toEqual([...all].sort());

    // Both converged: a preview of each finds nothing to do.
    const previews = await Promise.all([alpha.stack.preview(), beta.stack.preview()]);
    for (const preview of previews) expect(preview.changeSummary).toEqual({ same: 3 });

    const keys = await expectNoTokenInDatabase(all);
    for (const stack of ["alpha", "beta"]) expect(keys.some((key) => key.includes(`qoder-sessions/${stack}`))).toBe(true);

    await Promise.all([alpha.stack.destroy(), beta.stack.destroy()]);
    expect(active(emulator)).toEqual([]);
  }, 600_000);
});
