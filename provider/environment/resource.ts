import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf, OutputsOf } from "../dynamic/resource-args";
import { registeredProperties } from "../dynamic/resource-class";
import { providerShim } from "../dynamic/shim";
import { type EnvironmentInputs, environmentProperties } from "./model";

/** Arguments of {@link Environment}; each property's rules are declared in one place, `model.ts`. */
export interface EnvironmentArgs extends ArgsOf<EnvironmentInputs> {}

/** The outputs an environment exposes: its inputs as stored. Its id (`env_…`) is `id`. */
export interface Environment extends OutputsOf<EnvironmentInputs> {}

/**
 * A Qoder cloud environment, which Sessions run in (`environmentId: environment.id`). Every change
 * is made in place (`config` is sent whole). Destroy deletes it; while Sessions still use it, it is
 * archived instead and the CLI output says so.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Environment extends pulumi.dynamic.Resource {
  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = registeredProperties(name, args, Object.keys(environmentProperties));
    super(providerShim("Environment"), name, properties, opts, "qoder", "Environment");
  }
}
