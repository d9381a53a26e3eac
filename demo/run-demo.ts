/**
 * `npm run demo`: the provider's whole life cycle under the real Pulumi engine, against the
 * embedded API emulator. It brings up two Sessions (one with two repositories), shows what the API
 * then holds, moves a mount path (replace), rotates a token (in place); then declares an Agent with
 * a Session pinned to it and one given its id, changes the agent's system prompt (a new agent
 * version, the pinned Session replaced), and destroys everything.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { type RunningEmulator, startEmulator } from "../emulator";
import { AGENT_PROGRAM, createEngineStack, ROOT_PROGRAM } from "../engine/local-stack";

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

const reviewer = (system: string) => ({
  name: "reviewer",
  model: "ultimate",
  system,
  tools: [{ type: "agent_toolset_20260401", enabledTools: ["bash", "read", "grep"] }],
});

const agentSessions = [
  {
    name: "review-pinned",
    pin: true,
    environmentId: "env_019e2590d33f711fabf42f2857cecd8a",
    title: "Review (agent: reviewer)",
    repositories: [{ url: "https://github.com/acme/backend", mountPath: "/data/workspace/backend" }],
  },
  { name: "review-latest", pin: false, environmentId: "env_019e2590d33f711fabf42f2857cecd8a", title: "Review (agent: reviewer.id)" },
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

/** The agent as the API holds it, and the Sessions that run it. */
function showAgent(emulator: RunningEmulator): void {
  for (const agent of emulator.agents()) {
    const state = agent.archived_at ? "archived" : `version ${agent.version}`;
    console.log(`  ${agent.id}  "${agent.name}" (${state})  system: "${agent.system}"`);
    for (const session of emulator.sessions().filter((s) => s.agent.id === agent.id)) {
      const state = session.archived_at ? "archived" : "live";
      console.log(`    ${session.id}  "${session.title}"  runs version ${session.agent.version}  (${state})`);
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
  const agents = await createEngineStack({
    source: { project: "qoder-agents", programJs: AGENT_PROGRAM },
    config: {
      "qoder:apiUrl": { value: emulator.url },
      "qoder:token": { value: QODER_TOKEN, secret: true },
      "qoder-agents:agent": { value: JSON.stringify(reviewer("You review backend pull requests.")) },
      "qoder-agents:sessions": { value: JSON.stringify(agentSessions) },
      "qoder-agents:githubToken": { value: TOKENS.githubToken, secret: true },
    },
  });
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

    banner("4. an Agent, a Session pinned to it (agent: reviewer) and one given its id (agent: reviewer.id)");
    await agents.stack.up(print);
    showAgent(emulator);

    banner("5. change the agent's system prompt: pulumi preview");
    await agents.stack.setConfig("qoder-agents:agent", {
      value: JSON.stringify(reviewer("You review backend pull requests and ask for tests.")),
    });
    await agents.stack.preview(print);

    banner("6. pulumi up: agent version 1 -> 2, the pinned Session replaced (new one first, old one archived)");
    await agents.stack.up(print);
    showAgent(emulator);
    const [agent] = emulator.agents();
    const pinned = emulator.sessions().filter((s) => s.title === agentSessions[0].title);
    if (agent.version !== 2 || pinned.filter((s) => !s.archived_at && s.agent.version === 2).length !== 1) {
      throw new Error("the agent update did not replace the pinned Session with one at version 2");
    }

    banner("7. pulumi destroy: every Session and the agent are archived");
    await agents.stack.destroy(print);
    await engine.stack.destroy(print);
    const archives = emulator.requests.filter((r) => r.path.endsWith("/archive")).map((r) => r.path.split("/")[1]);
    console.log(
      `  archived: ${archives.filter((kind) => kind === "sessions").length} Sessions, ${archives.filter((kind) => kind === "agents").length} agent`,
    );
    const active = emulator.sessions().filter((session) => !session.archived_at);
    if (active.length > 0) throw new Error(`${active.length} Session(s) still active after destroy`);
    if (emulator.agents().some((a) => !a.archived_at)) throw new Error("the agent is still active after destroy");
    console.log("\nDemo finished: every step behaved as described.");
  } finally {
    await agents.dispose();
    await engine.dispose();
    await emulator.close();
  }
}

main().catch((error: Error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
