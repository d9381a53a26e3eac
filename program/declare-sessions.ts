import * as pulumi from "@pulumi/pulumi";
import type { GitHubRepositoryInput, GitRepositoryInput, MountOutput, RepositoryArgs, SessionArgs, SessionInputs } from "pulumi-qoder";
import type { DeclaredPlatform } from "./declare-platform";

/** A GitHub repository in stack config: its inputs, with the token read from the secret config key `tokenKey`. */
type GitHubRepositoryConfig = Omit<GitHubRepositoryInput, "authorizationToken"> & {
  /** Name of the secret config key holding the GitHub token (default `githubToken`). */
  tokenKey?: string;
};

/** A generic Git repository in stack config (`type: git`), with the password read from the secret config key `passwordKey`. */
type GitRepositoryConfig = Omit<GitRepositoryInput, "password"> & {
  /** Name of the secret config key holding the Git password or access token (default `gitPassword`). */
  passwordKey?: string;
};

/** One repository in stack config. */
type RepositoryConfig = GitHubRepositoryConfig | GitRepositoryConfig;

/**
 * One Session in stack config (`<project>:sessions`): its inputs, a resource name, repositories as
 * above, and the agent and environment either by id or by the key they are declared under.
 */
type SessionConfig = Omit<SessionInputs, "repositories" | "agent" | "environmentId"> & {
  name: string;
  repositories: RepositoryConfig[];
  /** `agent_…`, `{ id, version }`, or the key of an agent declared under `agents`. */
  agent: SessionInputs["agent"] | string;
  /** With a declared agent: pin the Session to its current version, so agent updates replace it. */
  pinAgent?: boolean;
  /** `env_…`, or the key of an environment declared under `environments`. */
  environmentId: string;
};

/** What the program needs of a declared Session resource. */
export interface DeclaredSession {
  readonly sessionId: pulumi.Output<string>;
  readonly mounts: pulumi.Output<MountOutput[]>;
}

/** The program's stack outputs. */
export interface DeclaredStack {
  /** Session ids by declared name. */
  sessionIds: Record<string, pulumi.Output<string>>;
  /** What each Session mounts, without tokens. */
  mounts: Record<string, pulumi.Output<MountOutput[]>>;
}

/** A repository's arguments, its credential read from its secret config key. */
function repositoryArgs(config: pulumi.Config, repository: RepositoryConfig): RepositoryArgs {
  if (repository.type === "git") {
    const { passwordKey, ...repo } = repository;
    return { ...repo, password: config.requireSecret(passwordKey ?? "gitPassword") };
  }
  const { tokenKey, ...repo } = repository;
  return { ...repo, authorizationToken: config.requireSecret(tokenKey ?? "githubToken") };
}

/** The declared agent or environment a config value names, if it names one rather than an id. */
function declared<T>(kind: string, key: unknown, known: Record<string, T>, idPrefix: string): T | undefined {
  if (typeof key !== "string" || key.startsWith(idPrefix)) return undefined;
  const found = known[key];
  if (found === undefined) {
    const keys = Object.keys(known);
    throw new Error(
      `sessions: "${key}" is neither ${kind} id (${idPrefix}…) nor a key of the declared ${kind}s (${keys.length > 0 ? keys.join(", ") : "none declared"})`,
    );
  }
  return found;
}

/** A Session's arguments from its config entry: declared agent and environment resolved, credentials read from secret config. */
function sessionArgs(config: pulumi.Config, session: Omit<SessionConfig, "name">, platform: DeclaredPlatform): SessionArgs {
  const { pinAgent, ...inputs } = session;
  const agent = declared("agent", inputs.agent, platform.agents, "agent_");
  const environment = declared("environment", inputs.environmentId, platform.environments, "env_");
  return {
    ...inputs,
    agent: agent ? (pinAgent ? agent : agent.id) : (inputs.agent as SessionInputs["agent"]),
    environmentId: environment ? environment.id : inputs.environmentId,
    repositories: inputs.repositories.map((repository) => repositoryArgs(config, repository)),
  };
}

/**
 * Declares one resource per entry of the `sessions` stack config, with each repository's token
 * or password read from its secret config key, and the agents and environments it names by key
 * taken from `platform`. `declare` builds the resource; the root program passes the
 * Session class, and the benchmark's floor passes a resource of the same shape whose provider does
 * nothing, so both run exactly this program.
 */
export function declareSessions(
  declare: (name: string, args: SessionArgs) => DeclaredSession,
  platform: DeclaredPlatform = { agents: {}, environments: {} },
): DeclaredStack {
  const config = new pulumi.Config();
  const entries = config.requireObject<SessionConfig[]>("sessions");
  const sessions = entries.map(({ name, ...session }) => declare(name, sessionArgs(config, session, platform)));
  return {
    sessionIds: Object.fromEntries(entries.map((session, index) => [session.name, sessions[index].sessionId])),
    mounts: Object.fromEntries(entries.map((session, index) => [session.name, sessions[index].mounts])),
  };
}
