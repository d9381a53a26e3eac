/**
 * A Pulumi program the engine tests run: it declares top-level Qoder objects (`MemoryStore`,
 * `Environment`, …) from the stack config `qoder-objects:objects`, a list of
 * {@link DeclaredObject}, and exports each object's id and outputs by its resource name.
 */
import * as pulumi from "@pulumi/pulumi";
import * as qoder from "pulumi-qoder";

/** One object of the stack config: the resource class exported by pulumi-qoder, the resource name and its arguments. */
export interface DeclaredObject {
  kind: string;
  name: string;
  args: Record<string, unknown>;
}

type ObjectClass = new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;

function resourceClass(kind: string): ObjectClass {
  const found = (qoder as unknown as Record<string, unknown>)[kind];
  if (typeof found !== "function" || !(found.prototype instanceof pulumi.dynamic.Resource)) {
    throw new Error(`pulumi-qoder exports no resource class "${kind}"`);
  }
  return found as ObjectClass;
}

/** The outputs a resource registered, without the engine's and the resource class's own (`__…`). */
function outputsOf(resource: pulumi.CustomResource): pulumi.Output<Record<string, unknown>> {
  const members = Object.entries(resource).filter(
    ([key, value]) => !key.startsWith("__") && key !== "urn" && key !== "id" && pulumi.Output.isInstance(value),
  );
  return pulumi.all(Object.fromEntries(members)) as pulumi.Output<Record<string, unknown>>;
}

const declared = new pulumi.Config().requireObject<DeclaredObject[]>("objects");
const resources = declared.map(({ kind, name, args }) => new (resourceClass(kind))(name, args));

/** Object ids by resource name. */
export const ids = Object.fromEntries(declared.map(({ name }, index) => [name, resources[index].id]));
/** Each object's registered outputs by resource name. */
export const outputs = Object.fromEntries(declared.map(({ name }, index) => [name, outputsOf(resources[index])]));
