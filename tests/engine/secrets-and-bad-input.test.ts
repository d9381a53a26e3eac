import type { ConfigMap } from "@pulumi/pulumi/automation";
import { FAULT_KINDS, type FaultRule, type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";

const QODER_TOKEN = "qoder_pat_sweep_9a8b7c6d";
const GITHUB_TOKEN = "ghp_sweep_github_1a2b3c4d";
const ROTATED = "ghp_sweep_rotated_5e6f7a8b";
const SECRETS = [QODER_TOKEN, GITHUB_TOKEN, ROTATED];

/** The forms a secret could leak in: raw, base64 and URL-encoded. */
const forms = (secret: string) => [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(`${secret}/`)];

const session = (mountPath: string) => ({
  name: "sweep",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: "Secrets sweep",
  repositories: [
    { url: "https://github.com/acme/backend", mountPath },
    { url: "https://github.com/acme/frontend", mountPath: "/app/frontend" },
  ],
});

// Each test gets its own emulator, so faults, requests and Sessions of one test never reach another.
let emulator: RunningEmulator;
const stacks: EngineStack[] = [];
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
});
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((stack) => stack.dispose()));
  await emulator?.close();
});

async function stackWith(config: ConfigMap, env: Record<string, string> = {}): Promise<EngineStack> {
  const engine = await createEngineStack({ source: { project: "qoder-sessions", programJs: ROOT_PROGRAM }, config, env });
  stacks.push(engine);
  return engine;
}

const base = (sessions: unknown[]): ConfigMap => ({
  "qoder:token": { value: QODER_TOKEN, secret: true },
  "qoder:apiUrl": { value: emulator.url },
  "qoder-sessions:sessions": { value: JSON.stringify(sessions) },
  "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
});

test("with faults injected on every route, nothing the CLI printed, no state and no error holds a token", async () => {
  const kinds = FAULT_KINDS.filter((kind) => kind !== "stall-after-commit" && kind !== "latency");
  const faults: FaultRule[] = kinds.map((kind, k) => ({
    kind,
    sequence: Array.from({ length: 5_000 }, (_, i) => i % 4 === 0 && (i / 4) % kinds.length === k),
  }));
  emulator.setFaults(faults);
  const engine = await stackWith(base([session("/app/backend")]));
  const states: string[] = [];
  const snapshot = async () => states.push(JSON.stringify(await engine.exportState()));

  await engine.stack.preview();
  await engine.stack.up();
  await snapshot();
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: ROTATED, secret: true });
  await engine.stack.up();
  await snapshot();
  await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify([session("/srv/backend")]) });
  await engine.stack.up();
  await engine.stack.refresh();
  await snapshot();
  // An API error on the way: every write refused with 401 (as if the token had been revoked).
  emulator.setFaults([]);
  const revoked = await stackWith({ ...base([session("/app/backend")]), "qoder:token": { value: "qoder_pat_revoked_0000", secret: true } });
  const error = await revoked.stack.up().catch((e: Error) => e);
  // The credentials check the provider makes before anything else is the first to meet it.
  expect(String(error)).toMatch(/credentials check .*401 authentication_error/s);
  expect(String(error)).toMatch(/config qoder:token/);
  await engine.stack.destroy();
  await snapshot();

  const faulted = emulator.requests.filter((r) => r.fault).length;
  expect(faulted).toBeGreaterThan(0);
  const printed = [...engine.output, ...revoked.output, String(error)].join("\n");
  const leaks = [...SECRETS, "qoder_pat_revoked_0000"].flatMap((secret) =>
    forms(secret).flatMap((form) => [
      ...(printed.includes(form) ? [`CLI output holds ${secret}`] : []),
      ...states.filter((state) => state.includes(form)).map(() => `state holds ${secret}`),
    ]),
  );
  expect(leaks).toEqual([]);
});

test("invalid inputs are refused at preview, naming the property, before any request", async () => {
  emulator.clearRequests();
  // The engine stops at the first resource that fails its check, so each case gets its own preview.
  const badRepository = { ...session("/x"), repositories: [{ url: "https://github.com/acme/backend.git", mountPath: "app/backend" }] };
  const first = await stackWith(base([badRepository]));
  const refused = String(await first.stack.preview().catch((e: Error) => e));
  expect(refused).toMatch(
    /property repositories\[0\]\.url .*has a problem: must not end with \.git; use https:\/\/github\.com\/acme\/backend/,
  );
  expect(refused).toMatch(/property repositories\[0\]\.mountPath .*has a problem: must be an absolute path/);

  // A secret that resolves to an empty string.
  const emptyToken = {
    ...session("/x"),
    repositories: [{ url: "https://github.com/acme/docs", mountPath: "/docs", tokenKey: "emptyToken" }],
  };
  const second = await stackWith({ ...base([emptyToken]), "qoder-sessions:emptyToken": { value: "", secret: true } });
  const empty = String(await second.stack.preview().catch((e: Error) => e));
  expect(empty).toMatch(/property repositories\[0\]\.authorizationToken .*has a problem: must not be empty/);

  for (const printed of [refused, empty]) expect(printed).not.toContain(GITHUB_TOKEN);
  expect(emulator.requests).toEqual([]);
});

test("without any Qoder token, up says how to set one", async () => {
  const { "qoder:token": _drop, ...config } = base([session("/app/backend")]);
  const engine = await stackWith(config, { QODER_ACCESS_TOKEN: "", QODER_PAT: "" });
  const error = await engine.stack.up().catch((e: Error) => e);
  expect(String(error)).toMatch(/No Qoder token is set: run `pulumi config set --secret qoder:token <token>`/);
});

test("a malformed qoder:apiUrl is refused, naming the key", async () => {
  const engine = await stackWith({ ...base([session("/app/backend")]), "qoder:apiUrl": { value: "http://api.qoder.com/api/v1/cloud" } });
  const error = await engine.stack.up().catch((e: Error) => e);
  expect(String(error)).toMatch(/The Qoder API URL from config qoder:apiUrl must use https/);
});
