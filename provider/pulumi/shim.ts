import type * as pulumi from "@pulumi/pulumi";

/** The installed implementation, loaded by package name at run time (see {@link providerShim}). */
function implementation() {
  return require("pulumi-qoder/runtime").sharedProvider();
}

/**
 * The provider object Pulumi serializes into state as `__provider`. Each method loads the
 * installed implementation by package name when it runs, so state holds a few lines of code and no
 * credential, client or module state, and refresh and destroy run the installed version rather
 * than a copy frozen in state. Nothing else may be referenced from these functions: whatever they
 * capture is serialized with them.
 */
export const providerShim: pulumi.dynamic.ResourceProvider = {
  configure: (req) => implementation().configure(req),
  check: (olds, news) => implementation().check(olds, news),
  diff: (id, olds, news) => implementation().diff(id, olds, news),
  create: (inputs) => implementation().create(inputs),
  read: (id, props) => implementation().read(id, props),
  update: (id, olds, news) => implementation().update(id, olds, news),
  delete: (id, props) => implementation().delete(id, props),
};
