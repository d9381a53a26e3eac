import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import type { EmulatedSession, RunningEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";
import { perTestResources } from "./per-test";

// A stack made by release 0.1.0 (tests/fixtures/upgrade-0.1.0, see its README), imported into a
// fresh stack of the current root program, against an emulator holding the very Sessions it made.
// Upgrading the package must not disturb it: no create, replace, delete or token rotation, and no
// write to the API. Where the stored shape changed, an update that sends nothing is allowed.

const FIXTURE = join(__dirname, "..", "fixtures", "upgrade-0.1.0");
const STACK = "upgrade";
const PASSPHRASE = "upgrade-fixture-passphrase";
const QODER_TOKEN = "qoder_pat_upgrade_fixture_0000";
const GITHUB_TOKENS = ["ghp_upgrade_fixture_github_0001", "ghp_upgrade_fixture_frontend_0002", "ghp_upgrade_fixture_handbook_0003"];
/** Each token raw, base64-encoded and URL-encoded. */
const SECRET_FORMS = [QODER_TOKEN, ...GITHUB_TOKENS].flatMap((secret) => [
  secret,
  Buffer.from(secret).toString("base64"),
  encodeURIComponent(secret),
]);
const SESSION_TYPE = "pulumi-nodejs:dynamic/qoder:Session";
/** Pulumi's marker of a secret value in an exported state. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
interface Exported {
  deployment: { resources: ExportedResource[] };
}

/** What the 0.1.0 emulator held after the fixture's `up`: ids, mounts, checkouts, settings, tokens. */
const recorded: EmulatedSession[] = JSON.parse(readFileSync(join(FIXTURE, "sessions.json"), "utf8"));
/** `pulumi stack export` of the 0.1.0 stack, secrets encrypted with the fixture's passphrase. */
const fixtureState: Exported = JSON.parse(readFileSync(join(FIXTURE, "stack.json"), "utf8"));
const fixtureSessions = fixtureState.deployment.resources.filter((r) => r.type === SESSION_TYPE);

const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRET_FORMS);

/** The API world the fixture's state was made against: its Sessions, ids, resource ids and tokens. */
async function recordedWorld(): Promise<RunningEmulator> {
  const emulator = await newEmulator();
  for (const session of recorded) {
    emulator.seedSession({
      id: session.id,
      created_at: session.created_at,
      agent: { id: session.agent.id, version: session.agent.version },
      environment_id: session.environment_id,
      title: session.title,
      metadata: session.metadata,
      vault_ids: session.vault_ids,
      resources: session.resources.map((resource) => {
        if (resource.type !== "github_repository") throw new Error(`the fixture holds a ${resource.type} resource`);
        const { id, url, mount_path, checkout, credentialHistory } = resource;
        return { id, url, mount_path, checkout, authorization_token: credentialHistory.at(-1) as string };
      }),
    });
  }
  emulator.clearRequests();
  return emulator;
}

/** The Sessions as a test compares them: everything the emulator holds but fields only the 0.1.0 emulator had. */
function held(sessions: readonly EmulatedSession[]) {
  return sessions.map((session) => {
    const { memory_store_ids: _older, ...rest } = session as EmulatedSession & { memory_store_ids?: unknown };
    return rest;
  });
}

/** A fresh stack of the current root program with the fixture's stack config (salt, secrets) and `emulator`'s URL. */
async function stackOn(emulator: RunningEmulator): Promise<EngineStack> {
  const engine = await createEngineStack({
    source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
    stackName: STACK,
    stackConfigFile: join(FIXTURE, `Pulumi.${STACK}.yaml`),
    passphrase: PASSPHRASE,
    config: { "qoder:apiUrl": { value: emulator.url } },
  });
  track(engine);
  return engine;
}

/** The fixture's state imported into a fresh stack, its provider's API URL pointed at `emulator`. */
async function importedStack(emulator: RunningEmulator): Promise<EngineStack> {
  const engine = await stackOn(emulator);
  // The default provider's inputs hold the stack config it ran with, the API URL included: a plain
  // refresh (which runs no program) uses that one.
  const provider = fixtureState.deployment.resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
  const oldUrl = provider?.inputs?.["qoder:apiUrl"] as string;
  expect(oldUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/cloud$/);
  await engine.stack.importStack(JSON.parse(JSON.stringify(fixtureState).split(oldUrl).join(emulator.url)));
  return engine;
}

/** The step each Session resource took, by resource name, from the engine's events. */
function sessionSteps(events: readonly EngineEvent[]): Record<string, { op: OpType }> {
  const steps: Record<string, { op: OpType }> = {};
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata;
    if (metadata?.type !== SESSION_TYPE) continue;
    steps[metadata.urn.split("::").at(-1) as string] = { op: metadata.op };
  }
  return steps;
}

const requestLines = (emulator: RunningEmulator) => emulator.requests.map((r) => `${r.method} ${r.path}`);
const writeLines = (emulator: RunningEmulator) => requestLines(emulator).filter((line) => !line.startsWith("GET "));

/** No request named a Session whose step is an update: such an update may change only what is stored. */
function checkUpdatesSentNothing(steps: Record<string, { op: OpType }>, emulator: RunningEmulator): void {
  const updated = Object.entries(steps).filter(([, step]) => step.op === "update");
  for (const [name] of updated) {
    const id = fixtureSessions.find((r) => r.urn.endsWith(`::${name}`))?.id as string;
    expect({ name, requests: requestLines(emulator).filter((line) => line.includes(id)) }).toEqual({ name, requests: [] });
  }
}

/** Every Session resource of the fixture steps `same` or `update`; nothing is created, replaced or deleted. */
function expectOnlySameOrUpdate(steps: Record<string, { op: OpType }>): void {
  expect(Object.keys(steps).sort()).toEqual(["backend-fix", "handbook"]);
  for (const [name, { op }] of Object.entries(steps))
    expect({ name, op: ["same", "update"].includes(op) ? "same or update" : op }).toEqual({ name, op: "same or update" });
}

/**
 * A Session resource's inputs and outputs as compared across stacks: secrets decrypted (and still
 * marked secret), ids, timestamps and the recorded API URL blanked (each stack has its own emulator), the serialized provider checked to load the installed
 * package, and each mount's checkout blanked where the repository declares none (the API's choice,
 * which differs between the 0.1.0 emulator and this one).
 */
function comparable(resource: ExportedResource) {
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === "object") {
      const object = value as Record<string, unknown>;
      if (object[SECRET_SIG] !== undefined) return { "<secret>": decode(JSON.parse(object.plaintext as string)) };
      return Object.fromEntries(
        Object.entries(object).map(([key, inner]) => [
          key,
          ["sessionId", "resourceId", "createdAt", "apiUrl"].includes(key) ? "<blank>" : decode(inner),
        ]),
      );
    }
    return value;
  };
  const [inputs, outputs] = [resource.inputs, resource.outputs].map((props) => {
    const { __provider: shim, ...rest } = props ?? {};
    if (shim !== undefined) expect(shim).toContain('require("pulumi-qoder/runtime")');
    return decode(rest) as Record<string, unknown>;
  });
  // The declared repositories, whether stored as a secret (they held the tokens in 0.1.0) or not.
  const stored = inputs.repositories as { url: string; checkout?: unknown }[] | { "<secret>": { url: string; checkout?: unknown }[] };
  const repositories = Array.isArray(stored) ? stored : stored["<secret>"];
  outputs.mounts = (outputs.mounts as { url: string }[]).map((mount) =>
    repositories.find((repo) => repo.url === mount.url)?.checkout === undefined ? { ...mount, checkout: "<the API's choice>" } : mount,
  );
  return { inputs, outputs };
}

function sessionsOf(state: Exported): Record<string, ExportedResource> {
  return Object.fromEntries(state.deployment.resources.filter((r) => r.type === SESSION_TYPE).map((r) => [r.urn.split("::").at(-1), r]));
}

let freshSessions: Promise<Record<string, ExportedResource>> | undefined;
/** The Session resources a fresh `up` of the fixture's config writes with the current package (made once). */
function fresh(): Promise<Record<string, ExportedResource>> {
  freshSessions ??= (async () => {
    const engine = await stackOn(await newEmulator());
    await engine.stack.up();
    return sessionsOf(await engine.exportState({ showSecrets: true }));
  })();
  return freshSessions;
}

/**
 * Each Session of `engine`'s state holds, in `parts`, what a fresh `up` of the same config writes,
 * key by key (see {@link comparable}). One value may still be 0.1.0's: the owner among the outputs,
 * which the engine keeps as stored when a step changes nothing (0.1.0 wrote it without the
 * organization); nothing reads it from there, a create takes it from its inputs.
 */
async function expectCurrentShape(engine: EngineStack, parts: readonly ("inputs" | "outputs")[]): Promise<void> {
  const made = await fresh();
  const now = sessionsOf(await engine.exportState({ showSecrets: true }));
  expect(Object.keys(now).sort()).toEqual(Object.keys(made).sort());
  for (const name of Object.keys(made)) {
    const [have, want] = [comparable(now[name]), comparable(made[name])];
    const oldOwner = fixtureSessions.find((r) => r.urn.endsWith(`::${name}`))?.outputs?.__owner;
    if (have.outputs.__owner === oldOwner) have.outputs.__owner = want.outputs.__owner;
    for (const part of parts) expect({ name, part, [part]: have[part] }).toStrictEqual({ name, part, [part]: want[part] });
  }
}

describe("a stack made by release 0.1.0, under the current package", () => {
  test("the emulator rebuilds the API world the fixture recorded: the same Sessions, resource ids and tokens", async () => {
    const emulator = await recordedWorld();
    expect(held(emulator.sessions())).toStrictEqual(held(recorded));
    // The fixture's state names exactly these Sessions and resources.
    expect(fixtureSessions.map((r) => r.id).sort()).toEqual(recorded.map((s) => s.id).sort());
    const mounts = fixtureSessions
      .flatMap((r) => (r.outputs as { mounts: { resourceId: string }[] }).mounts.map((m) => m.resourceId))
      .sort();
    expect(mounts).toEqual(recorded.flatMap((s) => s.resources.map((r) => r.id)).sort());
  });

  test("preview --diff (without refresh) plans no create, replace or delete, and sends no write", async () => {
    const emulator = await recordedWorld();
    const engine = await importedStack(emulator);
    const events: EngineEvent[] = [];
    const preview = await engine.stack.preview({ diff: true, onEvent: (event) => events.push(event) });

    // A planned token rotation would be an update too: the up test below shows none is sent.
    const steps = sessionSteps(events);
    expectOnlySameOrUpdate(steps);
    for (const op of ["create", "replace", "delete", "create-replacement", "delete-replaced"] as const) {
      expect({ op, count: preview.changeSummary[op] ?? 0 }).toEqual({ op, count: 0 });
    }
    expect(writeLines(emulator)).toEqual([]);
    checkUpdatesSentNothing(steps, emulator);
    expect(held(emulator.sessions())).toStrictEqual(held(recorded));
  });

  test("up sends no write and leaves the state a fresh up of the same config writes; a preview after it expects no changes", async () => {
    const emulator = await recordedWorld();
    const engine = await importedStack(emulator);
    const events: EngineEvent[] = [];
    const up = await engine.stack.up({ onEvent: (event) => events.push(event) });

    const steps = sessionSteps(events);
    expectOnlySameOrUpdate(steps);
    expect(Object.keys(up.summary.resourceChanges ?? {}).filter((op) => op !== "same" && op !== "update")).toEqual([]);
    expect(writeLines(emulator)).toEqual([]);
    checkUpdatesSentNothing(steps, emulator);
    expect(held(emulator.sessions())).toStrictEqual(held(recorded)); // no token rotated, nothing patched
    const outputs = await engine.stack.outputs();
    expect(outputs.sessionIds.value).toEqual(Object.fromEntries(fixtureSessions.map((r) => [r.urn.split("::").at(-1), r.id])));

    await expectCurrentShape(engine, ["inputs", "outputs"]);

    emulator.clearRequests();
    await engine.stack.preview({ expectNoChanges: true });
    expect(writeLines(emulator)).toEqual([]);
  });

  test("refresh keeps every Session, only reads, and keeps the tokens secret; the next up then stores the current shape", async () => {
    const emulator = await recordedWorld();
    const engine = await importedStack(emulator);
    const refresh = await engine.stack.refresh();

    expect(Object.keys(refresh.summary.resourceChanges ?? {}).filter((op) => op !== "same" && op !== "update")).toEqual([]);
    expect(writeLines(emulator)).toEqual([]);
    expect(requestLines(emulator).length).toBeGreaterThan(0); // it did ask the API
    expect(held(emulator.sessions())).toStrictEqual(held(recorded));
    // A refresh writes the shape it read: the tokens stay inside the secret repositories.
    const state = JSON.stringify(await engine.exportState());
    for (const form of SECRET_FORMS) expect(state).not.toContain(form);

    emulator.clearRequests();
    await engine.stack.up();
    expect(writeLines(emulator)).toEqual([]);
    await expectCurrentShape(engine, ["outputs"]);
    emulator.clearRequests();
    await engine.stack.preview({ expectNoChanges: true });
    // Only the credentials check: a preview reads nothing of the Sessions.
    expect(requestLines(emulator)).toEqual(["GET /sessions"]);
  });
});
