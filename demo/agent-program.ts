/**
 * A Pulumi program of one Agent and the Sessions that run it, declared from stack config. The
 * demo's agent steps run it, and so do the engine tests of agents (tests/engine/agent.test.ts).
 *
 * Stack config (project `qoder-agents`):
 * - `agent`: the Agent's inputs.
 * - `sessions` (optional): `[{ name, pin, environmentId, title?, repositories? }]`. A Session with
 *   `pin: true` is given the Agent itself, so it is pinned to the agent's current version and
 *   replaced when the agent changes; otherwise it is given the agent's id.
 * - `githubToken` (secret): the token of every repository, when any is declared.
 */
import * as pulumi from "@pulumi/pulumi";
import { Agent, type AgentArgs, type GitHubRepositoryInput, Session } from "pulumi-qoder";

interface SessionConfig {
  name: string;
  pin: boolean;
  environmentId: string;
  title?: string;
  repositories?: Omit<GitHubRepositoryInput, "authorizationToken">[];
}

const config = new pulumi.Config();
const agent = new Agent("agent", config.requireObject<AgentArgs>("agent"));
const sessions = (config.getObject<SessionConfig[]>("sessions") ?? []).map(({ name, pin, repositories = [], ...inputs }) => {
  const withTokens = repositories.map((repository) => ({ ...repository, authorizationToken: config.requireSecret("githubToken") }));
  return { name, session: new Session(name, { ...inputs, agent: pin ? agent : agent.id, repositories: withTokens }) };
});

/** The agent's id. */
export const agentId = agent.id;
/** The agent's current version. */
export const agentVersion = agent.version;
/** Session ids by declared name. */
export const sessionIds = Object.fromEntries(sessions.map(({ name, session }) => [name, session.sessionId]));
