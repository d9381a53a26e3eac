import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf, OutputsOf } from "../dynamic/resource-args";
import { registeredProperties } from "../dynamic/resource-class";
import { providerShim } from "../dynamic/shim";
import { type MemoryStoreInputs, memoryStoreProperties } from "./model";

/** Arguments of {@link MemoryStore}; each property's rules are declared in one place, `model.ts`. */
export interface MemoryStoreArgs extends ArgsOf<MemoryStoreInputs> {}

/** The outputs a memory store exposes: its inputs as stored. Its id (`memstore_…`) is `id`. */
export interface MemoryStore extends OutputsOf<MemoryStoreInputs> {}

/**
 * A Qoder memory store, which Sessions mount at create (`memoryStoreIds: [store.id]`). Every
 * change is made in place; destroy archives it, or deletes it with `deletionMode: "delete"`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class MemoryStore extends pulumi.dynamic.Resource {
  constructor(name: string, args: MemoryStoreArgs, opts?: pulumi.CustomResourceOptions) {
    const properties = registeredProperties(name, args, Object.keys(memoryStoreProperties));
    super(providerShim("MemoryStore"), name, properties, opts, "qoder", "MemoryStore");
  }
}
