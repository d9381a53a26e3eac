import * as pulumi from "@pulumi/pulumi";
import { Agent, type AgentArgs, Environment, type EnvironmentArgs } from "pulumi-qoder";

/**
 * The agents and environments a stack declares in its config, each under a key of its own that
 * Sessions name them by:
 * - `<project>:agents`: `{ <key>: <Agent inputs> }`;
 * - `<project>:environments`: `{ <key>: <Environment inputs> }`.
 * The key is also the resource's name.
 */
export interface DeclaredPlatform {
  agents: Record<string, Agent>;
  environments: Record<string, Environment>;
}

/** Declares the stack config's agents and environments (none when the keys are not set). */
export function declarePlatform(): DeclaredPlatform {
  const config = new pulumi.Config();
  const agents = config.getObject<Record<string, AgentArgs>>("agents") ?? {};
  const environments = config.getObject<Record<string, EnvironmentArgs>>("environments") ?? {};
  return {
    agents: Object.fromEntries(Object.entries(agents).map(([key, args]) => [key, new Agent(key, args)])),
    environments: Object.fromEntries(Object.entries(environments).map(([key, args]) => [key, new Environment(key, args)])),
  };
}
