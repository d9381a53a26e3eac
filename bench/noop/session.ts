import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as dynamic from "@pulumi/pulumi/dynamic";
import type { MountOutput, RepositoryArgs, SessionArgs } from "pulumi-qoder";
import { noopProviderShim } from "./shim";

/** The outputs a `Session` registers unset, for its provider to fill. */
const SESSION_OUTPUT_KEYS = ["mounts", "sessionId", "status", "createdAt", "archivedAt"] as const;

type Repository = Record<string, unknown> & { authorizationToken?: unknown };

/** The Session's plaintext token fingerprint: 12 hex characters of a SHA-256 digest. */
function fingerprint(token: string): string {
  return createHash("sha256").update("pulumi-qoder secret fingerprint\u0000").update(token).digest("hex").slice(0, 12);
}

/** A repository without its token but with its fingerprint, and the token alone. */
function split({ authorizationToken, ...visible }: Repository) {
  const known = typeof authorizationToken === "string" ? { authorizationTokenFingerprint: fingerprint(authorizationToken) } : {};
  return { visible: { ...visible, ...known }, secrets: { authorizationToken } };
}

/**
 * The repositories as `Session` registers them: without tokens, in plaintext, and the tokens apart
 * as the secret `repositorySecrets`. Plain entries keep their other fields as declared; a list or
 * entry given as an output is split once resolved.
 */
function splitTokens(repositories: SessionArgs["repositories"]): { visible: unknown; secrets: unknown } {
  if (!Array.isArray(repositories)) {
    const resolved = pulumi.output(repositories) as unknown as pulumi.Output<Repository[]>;
    return {
      visible: pulumi.unsecret(resolved.apply((list) => list.map((repo) => split(repo).visible))),
      secrets: pulumi.secret(resolved.apply((list) => list.map((repo) => split(repo).secrets))),
    };
  }
  const parts = repositories.map((repo) => {
    if (pulumi.Output.isInstance(repo) || repo instanceof Promise) {
      const resolved = pulumi.output(repo) as unknown as pulumi.Output<Repository>;
      return {
        visible: pulumi.unsecret(resolved.apply((entry) => split(entry).visible)),
        secrets: pulumi.secret(resolved.apply((entry) => split(entry).secrets)),
      };
    }
    const { visible, secrets } = split(repo as RepositoryArgs as Repository);
    const token = secrets.authorizationToken as pulumi.Input<string>;
    const shown =
      typeof token === "string"
        ? visible
        : { ...visible, authorizationTokenFingerprint: pulumi.unsecret(pulumi.output(token).apply(fingerprint)) };
    return { visible: shown, secrets: { authorizationToken: pulumi.secret(token) } };
  });
  return { visible: parts.map((part) => part.visible), secrets: pulumi.secret(parts.map((part) => part.secrets)) };
}

/** The stack's organization, or "" where the CLI sets none, as `Session` takes it. */
function organization(): string {
  try {
    return pulumi.getOrganization();
  } catch {
    return "";
  }
}

/**
 * The properties `Session` registers, built here rather than taken from the provider: the
 * arguments with every token secret, `__owner` (`<organization>/<project>/<stack>/<name>`, which the provider keys
 * its creates on) and the outputs left unset. bench/tests/noop-session.test.ts checks that a real
 * `Session` registers the same.
 */
function noopSessionProperties(name: string, args: SessionArgs): Record<string, unknown> {
  const outputs = Object.fromEntries(SESSION_OUTPUT_KEYS.map((key) => [key, undefined]));
  const repositories = splitTokens(args.repositories);
  return {
    ...args,
    __owner: `${organization()}/${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
    repositories: repositories.visible,
    repositorySecrets: repositories.secrets,
    ...outputs,
  };
}

/**
 * A resource that registers exactly the Session's properties but is served by the no-op provider:
 * what the engine costs for such a resource when the provider does nothing.
 */
export class NoopSession extends dynamic.Resource {
  declare readonly sessionId: pulumi.Output<string>;
  declare readonly mounts: pulumi.Output<MountOutput[]>;

  constructor(name: string, args: SessionArgs, opts?: pulumi.CustomResourceOptions) {
    super(noopProviderShim, name, noopSessionProperties(name, args), opts, "bench", "NoopSession");
  }
}
