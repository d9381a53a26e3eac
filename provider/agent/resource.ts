import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf, OutputsOf } from "../dynamic/resource-args";
import { registeredProperties } from "../dynamic/resource-class";
import { providerShim } from "../dynamic/shim";
import { AGENT_OUTPUT_NAMES, type AgentInputs, type AgentState, agentProperties } from "./model";

/** Arguments of {@link Agent}; each property's rules are declared in one place, `model.ts`. */
export interface AgentArgs extends ArgsOf<AgentInputs> {}

/** The outputs an agent exposes: its inputs as stored and its current `version`. Its id (`agent_…`) is `id`. */
export interface Agent extends OutputsOf<AgentState> {}

/**
 * A Qoder Cloud Agents agent. Every change is made in place and makes a new version (`version`
 * goes 1, 2, …); an update carries the version in state, so a change made outside Pulumi since
 * is never overwritten (run `pulumi refresh --run-program` first). Destroy archives it.
 *
 * A `Session` given the agent itself (`agent: myAgent`) is pinned to its current version
 * and replaced when the agent changes; one given `agent: myAgent.id` keeps the version it started
 * with.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Agent extends pulumi.dynamic.Resource {
  constructor(name: string, args: AgentArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = registeredProperties(name, args, [...Object.keys(agentProperties), ...AGENT_OUTPUT_NAMES]);
    super(providerShim("Agent"), name, properties, opts, "qoder", "Agent");
  }
}
