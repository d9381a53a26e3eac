import * as pulumi from "@pulumi/pulumi";
import * as dynamic from "@pulumi/pulumi/dynamic";
import type { MountOutput, RepositoryArgs, SessionArgs } from "pulumi-qoder";
import { noopProviderShim } from "./shim";

/** The outputs a `Session` registers unset, for its provider to fill. */
const SESSION_OUTPUT_KEYS = ["mounts", "sessionId", "status", "createdAt", "archivedAt"] as const;

/**
 * The repositories with every token secret, as `Session` marks them: only the tokens where the list
 * and its entries are plain values, the whole entry (or list) where it arrives as an output.
 */
function secretTokens(repositories: SessionArgs["repositories"]): SessionArgs["repositories"] {
  if (!Array.isArray(repositories)) return pulumi.secret(repositories) as pulumi.Output<RepositoryArgs[]>;
  return repositories.map((repo) =>
    pulumi.Output.isInstance(repo) || repo instanceof Promise
      ? pulumi.secret(repo)
      : { ...repo, authorizationToken: pulumi.secret(repo.authorizationToken) },
  );
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
  return {
    ...args,
    __owner: `${organization()}/${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
    repositories: secretTokens(args.repositories),
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
