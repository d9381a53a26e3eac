import * as pulumi from "@pulumi/pulumi";
import { OWNER_KEY } from "./idempotency";

/** The stack's organization; the SDK throws where the CLI sets none (older CLIs, some test mocks). */
function organization(): string {
  try {
    return pulumi.getOrganization();
  } catch {
    return "";
  }
}

/**
 * The resource's identity across runs, `org/project/stack/name`: the crash-safe create's key is
 * derived from it, so two stacks, or two resources, never share one.
 */
export function ownerOf(name: string): string {
  return `${organization()}/${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
}

/** Output properties to register next to the inputs: a dynamic resource exposes only the properties it registers. */
export function outputSlots(names: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(names.map((name) => [name, undefined]));
}

/**
 * The properties a resource class registers: a slot for each of `stateNames` (so each is an
 * output), the declared arguments, and the resource's identity (see {@link ownerOf}).
 */
export function registeredProperties(name: string, args: object, stateNames: readonly string[]): Record<string, unknown> {
  return { ...outputSlots(stateNames), ...args, [OWNER_KEY]: ownerOf(name) };
}
