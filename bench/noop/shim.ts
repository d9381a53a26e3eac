import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";

/** Absolute path of the compiled runtime; captured by value into the serialized shim. */
const NOOP_RUNTIME = join(__dirname, "runtime.js");

/** The no-op implementation of this process, loaded when a method runs. */
function implementation() {
  return require(NOOP_RUNTIME).sharedNoopProvider();
}

/**
 * The provider object serialized into state as `__provider`: the same seven one-line methods as the
 * Session provider's shim, loading the implementation at run time, so both store a similarly small
 * provider and the engine does the same work deserializing it.
 */
export const noopProviderShim: pulumi.dynamic.ResourceProvider = {
  configure: (req) => implementation().configure(req),
  check: (olds, news) => implementation().check(olds, news),
  diff: (id, olds, news) => implementation().diff(id, olds, news),
  create: (inputs) => implementation().create(inputs),
  read: (id, props) => implementation().read(id, props),
  update: (id, olds, news) => implementation().update(id, olds, news),
  delete: (id, props) => implementation().delete(id, props),
};
