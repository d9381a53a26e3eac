import * as pulumi from "@pulumi/pulumi";
import type { CheckoutInput, DeletionMode, MountOutput, SessionArgs } from "pulumi-qoder";

/** One repository in stack config; its token comes from the secret config key `tokenKey`. */
export interface RepositoryConfig {
  url: string;
  mountPath?: string;
  checkout?: CheckoutInput;
  /** Name of the secret config key holding the GitHub token (default `githubToken`). */
  tokenKey?: string;
}

/** One Session in stack config (`<project>:sessions`). */
export interface SessionConfig {
  name: string;
  agent: string | { id: string; version?: number };
  environmentId: string;
  title?: string;
  metadata?: Record<string, string>;
  repositories: RepositoryConfig[];
  deletionMode?: DeletionMode;
  adoptSessionId?: string;
}

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

/**
 * Declares one resource per entry of the `sessions` stack config, with each repository's token
 * read from its secret config key. `declare` builds the resource; the root program passes the
 * Session class, and the benchmark's floor passes a resource of the same shape whose provider does
 * nothing, so both run exactly this program.
 */
export function declareSessions(declare: (name: string, args: SessionArgs) => DeclaredSession): DeclaredStack {
  const config = new pulumi.Config();
  const declared = config.requireObject<SessionConfig[]>("sessions");
  const sessions = declared.map((session) =>
    declare(session.name, {
      agent: session.agent,
      environmentId: session.environmentId,
      title: session.title,
      metadata: session.metadata,
      deletionMode: session.deletionMode,
      adoptSessionId: session.adoptSessionId,
      repositories: session.repositories.map((repo) => ({
        url: repo.url,
        mountPath: repo.mountPath,
        checkout: repo.checkout,
        authorizationToken: config.requireSecret(repo.tokenKey ?? "githubToken"),
      })),
    }),
  );
  return {
    sessionIds: Object.fromEntries(declared.map((session, index) => [session.name, sessions[index].sessionId])),
    mounts: Object.fromEntries(declared.map((session, index) => [session.name, sessions[index].mounts])),
  };
}
