import * as pulumi from "@pulumi/pulumi";
import { Agent, Environment, MemoryStore, Session, Vault } from "pulumi-qoder";

// Everything that differs between dev and prod lives in Pulumi.<stack>.yaml; the tokens are each
// stack's own secrets.
const config = new pulumi.Config();
const stack = pulumi.getStack();
const deletionMode = config.require("deletionMode") as "archive" | "delete";

// Where each repository is mounted: the agent's instructions name the same paths.
const mounts = {
  backend: "/data/workspace/backend",
  infra: "/data/workspace/infra",
  runbooks: "/data/workspace/runbooks",
};
const tracker = "https://mcp.acme.dev/tracker";

const environment = new Environment("sandbox", {
  name: `platform-sandbox-${stack}`,
  config: {
    type: "cloud",
    networking: config.requireObject("networking"),
    packages: { apt: ["jq"], npm: ["pnpm"] },
    setupScript: "corepack enable",
  },
  metadata: { stack },
});

const agent = new Agent("platform-engineer", {
  name: `platform-engineer-${stack}`,
  model: config.require("model"),
  system: [
    "You are Acme's platform engineer.",
    `The backend service is checked out at ${mounts.backend} and its infrastructure code at ${mounts.infra}.`,
    `Operational runbooks are at ${mounts.runbooks}; follow them and keep them current.`,
    "Work on a branch and open a pull request; never push to main.",
  ].join("\n"),
  tools: [{ type: "agent_toolset_20260401" }],
  mcpServers: [{ type: "url", name: "tracker", url: tracker }],
  metadata: { stack },
});

const vault = new Vault("platform-credentials", {
  displayName: `Platform credentials (${stack})`,
  credentials: [{ type: "static_bearer", mcpServerUrl: tracker, token: config.requireSecret("trackerToken") }],
  deletionMode,
});

const memory = new MemoryStore("platform-memory", {
  name: `platform-memory-${stack}`,
  description: "What the platform engineer learned about this stack",
  deletionMode,
});

// Pinned to the agent's version: an agent change replaces this Session.
const incidents = new Session(`incidents-${stack}`, {
  agent,
  environmentId: environment.id,
  vaultIds: [vault.id],
  memoryStoreIds: [memory.id],
  title: `[${stack}] Incident follow-up`,
  deletionMode,
  repositories: [
    { url: "https://github.com/acme/backend", mountPath: mounts.backend, authorizationToken: config.requireSecret("githubToken") },
    {
      type: "git",
      url: "https://deploy@git.acme.dev/platform/infra.git",
      mountPath: mounts.infra,
      password: config.requireSecret("gitPassword"),
    },
  ],
});

// Bound to the agent's latest version when created: agent changes leave this Session as it is.
const runbooks = new Session(`runbooks-${stack}`, {
  agent: agent.id,
  environmentId: environment.id,
  vaultIds: [vault.id],
  title: `[${stack}] Keep the runbooks current`,
  deletionMode,
  repositories: [
    { url: "https://github.com/acme/runbooks", mountPath: mounts.runbooks, authorizationToken: config.requireSecret("githubToken") },
  ],
});

export const agentVersion = agent.version;
export const sessionIds = { incidents: incidents.sessionId, runbooks: runbooks.sessionId };
