/**
 * `npm run demo`: the provider's whole life cycle under the real Pulumi engine, against the
 * embedded API emulator. It brings up two Sessions (one with two repositories), shows what the API
 * then holds, moves a mount path (replace), rotates a token (in place), and destroys everything.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { type RunningEmulator, startEmulator } from "../emulator";
import { createEngineStack, ROOT_PROGRAM } from "../engine/local-stack";

const QODER_TOKEN = "qoder_demo_pat_3c9d1f07";
const TOKENS: Record<string, string> = {
  githubToken: "ghp_demo_backend_51f2a9e0",
  frontendToken: "ghp_demo_frontend_8b7c6d5e",
};

const sessions = (backendMount: string) => [
  {
    name: "backend-fix",
    agent: { id: "agent_019e390add9f7bac9b6cc806db46fcbd", version: 1 },
    environmentId: "env_019e2590d33f711fabf42f2857cecd8a",
    title: "Fix bug in backend",
    metadata: { team: "platform" },
    repositories: [
      { url: "https://github.com/acme/backend", mountPath: backendMount, checkout: { branch: "main" } },
      { url: "https://github.com/acme/frontend", mountPath: "/data/workspace/frontend", tokenKey: "frontendToken" },
    ],
  },
  {
    name: "docs-refresh",
    agent: "agent_019e390add9f7bac9b6cc806db46fcbd",
    environmentId: "env_019e2590d33f711fabf42f2857cecd8a",
    title: "Refresh the docs",
    repositories: [{ url: "https://github.com/acme/docs" }],
  },
];

function banner(text: string): void {
  console.log(`\n${"=".repeat(78)}\n== ${text}\n${"=".repeat(78)}`);
}

/** Shows a token by its first characters only, so the demo itself leaks nothing. */
function mask(token: string | undefined): string {
  return token ? `${token.slice(0, 8)}…(${token.length} chars)` : "(none)";
}

/** Every token the demo has handed out, by value, with the config key it came from. */
const owner: Record<string, string> = Object.fromEntries(Object.entries(TOKENS).map(([key, value]) => [value, key]));

function showEmulator(emulator: RunningEmulator): void {
  for (const session of emulator.sessions()) {
    const state = session.archived_at ? `archived at ${session.archived_at}` : session.status;
    console.log(`  ${session.id}  "${session.title}"  (${state})`);
    for (const resource of session.resources) {
      const repo = resource as typeof resource & { url?: string; mount_path?: string };
      const token = resource.credentialHistory.at(-1);
      const rotations = resource.credentialHistory.length - 1;
      console.log(
        `    ${resource.id}  ${repo.url} at ${repo.mount_path}  token ${mask(token)} [${owner[token ?? ""] ?? "?"}]` +
          (rotations > 0 ? `  rotated ${rotations}x` : ""),
      );
    }
  }
  const requests = emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
  console.log(`  write requests since the last step: ${requests.length ? requests.join(", ") : "none"}`);
  emulator.clearRequests();
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  console.log(`Qoder API emulator listening at ${emulator.url}`);
  const config: ConfigMap = {
    "qoder:apiUrl": { value: emulator.url },
    "qoder:token": { value: QODER_TOKEN, secret: true },
    "qoder-sessions:sessions": { value: JSON.stringify(sessions("/data/workspace/backend")) },
    ...Object.fromEntries(Object.entries(TOKENS).map(([key, value]) => [`qoder-sessions:${key}`, { value, secret: true }])),
  };
  const engine = await createEngineStack({ source: { project: "qoder-sessions", programJs: ROOT_PROGRAM }, config });
  const print = {
    onOutput: (line: string) => process.stdout.write(line),
    color: (process.stdout.isTTY ? "always" : "never") as "always" | "never",
  };
  try {
    banner("1. pulumi up: two Sessions, one with two repositories");
    await engine.stack.up(print);
    showEmulator(emulator);

    banner("2. move the backend's mountPath: the Session is replaced (new one first, old one archived)");
    await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify(sessions("/data/workspace/api")) });
    await engine.stack.up({ ...print, diff: true });
    showEmulator(emulator);

    banner("3. rotate the frontend token: updated in place, same Session id");
    TOKENS.frontendToken = "ghp_demo_frontend_rotated_42aa";
    owner[TOKENS.frontendToken] = "frontendToken, rotated";
    await engine.stack.setConfig("qoder-sessions:frontendToken", { value: TOKENS.frontendToken, secret: true });
    await engine.stack.up(print);
    showEmulator(emulator);

    banner("4. pulumi destroy: every Session is archived");
    await engine.stack.destroy(print);
    showEmulator(emulator);
    const active = emulator.sessions().filter((session) => !session.archived_at);
    if (active.length > 0) throw new Error(`${active.length} Session(s) still active after destroy`);
    console.log("\nDemo finished: every step behaved as described.");
  } finally {
    await engine.dispose();
    await emulator.close();
  }
}

main().catch((error: Error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
