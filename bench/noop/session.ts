import * as pulumi from "@pulumi/pulumi";
import type { SessionArgs } from "pulumi-qoder";
import { noopProviderShim } from "./shim";

/** Marks every token secret, as the Session resource does for plain lists of plain entries. */
function secretTokens(repositories: SessionArgs["repositories"]): SessionArgs["repositories"] {
  if (!Array.isArray(repositories)) return pulumi.secret(repositories);
  return repositories.map((repo) =>
    pulumi.Output.isInstance(repo) || repo instanceof Promise ? pulumi.secret(repo) : { ...repo, authorizationToken: pulumi.secret(repo.authorizationToken) },
  );
}

/**
 * A resource with the Session's input shape (and its output names) served by the no-op provider:
 * what the engine costs for such a resource when the provider does nothing.
 */
export class NoopSession extends pulumi.dynamic.Resource {
  declare readonly repositories: pulumi.Output<unknown[]>;

  constructor(name: string, args: SessionArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = {
      ...args,
      repositories: secretTokens(args.repositories),
      mounts: undefined,
      sessionId: undefined,
      status: undefined,
      createdAt: undefined,
      archivedAt: undefined,
    };
    super(noopProviderShim, name, properties, opts, "bench", "NoopSession");
  }
}
