/**
 * The no-op Pulumi program: the root program's shape (Sessions read from stack config, tokens from
 * secret config keys, the same stack outputs) with each Session served by the no-op provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CheckoutInput } from "pulumi-qoder";
import { NoopSession } from "./session";

interface RepositoryConfig {
  url: string;
  mountPath?: string;
  checkout?: CheckoutInput;
  tokenKey?: string;
}

interface SessionConfig {
  name: string;
  agent: string | { id: string; version?: number };
  environmentId: string;
  title?: string;
  metadata?: Record<string, string>;
  repositories: RepositoryConfig[];
}

const config = new pulumi.Config();
const declared = config.requireObject<SessionConfig[]>("sessions");

const sessions = declared.map(
  (session) =>
    new NoopSession(session.name, {
      agent: session.agent,
      environmentId: session.environmentId,
      title: session.title,
      metadata: session.metadata,
      repositories: session.repositories.map((repo) => ({
        url: repo.url,
        mountPath: repo.mountPath,
        checkout: repo.checkout,
        authorizationToken: config.requireSecret(repo.tokenKey ?? "githubToken"),
      })),
    }),
);

/** Resource ids by declared name. */
export const sessionIds = Object.fromEntries(declared.map((session, index) => [session.name, sessions[index].id]));
/** What each Session declares to mount, without tokens. */
export const mounts = Object.fromEntries(
  declared.map((session) => [session.name, session.repositories.map(({ url, mountPath, checkout }) => ({ url, mountPath, checkout }))]),
);
