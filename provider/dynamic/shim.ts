import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "./runtime";

/**
 * The provider object Pulumi serializes into state as `__provider`. Each method loads the
 * installed implementation by package name when it runs, so state holds a few lines of code and no
 * credential, client or module state, and refresh and destroy run the installed version rather
 * than a copy frozen in state. These functions capture nothing but `kind`: whatever they capture is
 * serialized with them.
 */
export function providerShim(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // One object per kind: the SDK serializes a provider once per object, not once per resource.
  const known = shims.get(kind);
  if (known) return known;
  const implementation = () => require("pulumi-qoder/runtime").provider(kind);
  const shim: pulumi.dynamic.ResourceProvider = {
    configure: (req) => implementation().configure(req),
    check: (olds, news) => implementation().check(olds, news),
    diff: (id, olds, news) => implementation().diff(id, olds, news),
    create: (inputs) => implementation().create(inputs),
    read: (id, props) => implementation().read(id, props),
    update: (id, olds, news) => implementation().update(id, olds, news),
    delete: (id, props) => implementation().delete(id, props),
  };
  shims.set(kind, shim);
  return shim;
}

const shims = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();
