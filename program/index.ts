import * as pulumi from "@pulumi/pulumi";
import { Session } from "pulumi-qoder";
import type { CheckoutInput, DeletionMode } from "pulumi-qoder";

/** One repository in stack config; its token comes from the secret config key `tokenKey`. */
interface RepositoryConfig {
  url: string;
  mountPath?: string;
  checkout?: CheckoutInput;
  /** Name of the secret config key holding the GitHub token (default `githubToken`). */
  tokenKey?: string;
}

/** One Session in stack config (`<project>:sessions`). */
interface SessionConfig {
  name: string;
  agent: string | { id: string; version?: number };
  environmentId: string;
  title?: string;
  metadata?: Record<string, string>;
  repositories: RepositoryConfig[];
  deletionMode?: DeletionMode;
  adoptSessionId?: string;
}

const config = new pulumi.Config();
const declared = config.requireObject<SessionConfig[]>("sessions");

const sessions = declared.map(
  (session) =>
    new Session(session.name, {
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

/** Session ids by declared name. */
export const sessionIds = Object.fromEntries(declared.map((session, index) => [session.name, sessions[index].sessionId]));
/** What each Session mounts, without tokens. */
export const mounts = Object.fromEntries(declared.map((session, index) => [session.name, sessions[index].mounts]));
