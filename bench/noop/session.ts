import type * as pulumi from "@pulumi/pulumi";
import * as dynamic from "@pulumi/pulumi/dynamic";
import type { MountOutput, SessionArgs } from "pulumi-qoder";
import { sessionOwner, sessionProperties } from "../../provider/pulumi/session";
import { noopProviderShim } from "./shim";

/**
 * A resource that registers exactly the Session's properties (the same function builds them, secret
 * tokens and owner included) but is served by the no-op provider: what the engine costs for such a
 * resource when the provider does nothing.
 */
export class NoopSession extends dynamic.Resource {
  declare readonly sessionId: pulumi.Output<string>;
  declare readonly mounts: pulumi.Output<MountOutput[]>;

  constructor(name: string, args: SessionArgs, opts?: pulumi.CustomResourceOptions) {
    super(noopProviderShim, name, sessionProperties(args, sessionOwner(name)), opts, "bench", "NoopSession");
  }
}
