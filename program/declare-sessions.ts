import * as pulumi from "@pulumi/pulumi";
import type { GitHubRepositoryInput, GitRepositoryInput, MountOutput, RepositoryArgs, SessionArgs, SessionInputs } from "pulumi-qoder";

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

/** One Session in stack config (`<project>:sessions`): its inputs, a resource name, and repositories as above. */
type SessionConfig = Omit<SessionInputs, "repositories"> & { name: string; repositories: RepositoryConfig[] };

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

/**
 * Declares one resource per entry of the `sessions` stack config, with each repository's token
 * or password read from its secret config key. `declare` builds the resource; the root program passes the
 * Session class, and the benchmark's floor passes a resource of the same shape whose provider does
 * nothing, so both run exactly this program.
 */
export function declareSessions(declare: (name: string, args: SessionArgs) => DeclaredSession): DeclaredStack {
  const config = new pulumi.Config();
  const declared = config.requireObject<SessionConfig[]>("sessions");
  const sessions = declared.map(({ name, ...inputs }) =>
    declare(name, { ...inputs, repositories: inputs.repositories.map((repository) => repositoryArgs(config, repository)) }),
  );
  return {
    sessionIds: Object.fromEntries(declared.map((session, index) => [session.name, sessions[index].sessionId])),
    mounts: Object.fromEntries(declared.map((session, index) => [session.name, sessions[index].mounts])),
  };
}
