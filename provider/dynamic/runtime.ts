/**
 * What the serialized provider in state loads at run time (`require("pulumi-qoder/runtime")`).
 * One provider instance per resource kind and process, so every resource one provider process
 * serves shares one client and one connection pool; each bound to the API its resources live in
 * (api-home.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { AgentProvider } from "../agent/provider";
import { EnvironmentProvider } from "../environment/provider";
import { MemoryStoreProvider } from "../memory-store/provider";
import { SessionProvider } from "../session/provider";
import { VaultProvider } from "../vault/provider";
import { boundToApiHome } from "./api-home";

const factories = {
  Session: () => new SessionProvider(),
  MemoryStore: () => new MemoryStoreProvider(),
  Agent: () => new AgentProvider(),
  Environment: () => new EnvironmentProvider(),
  Vault: () => new VaultProvider(),
};

/** The resource kinds this package serves. */
export type ResourceKind = keyof typeof factories;

const shared = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();

/** The provider instance of this process for one resource kind. */
export function provider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  let instance = shared.get(kind);
  if (!instance) {
    const make = factories[kind];
    if (!make) throw new Error(`pulumi-qoder has no resource kind "${kind}"; upgrade the pulumi-qoder package`);
    instance = boundToApiHome(kind, make());
    shared.set(kind, instance);
  }
  return instance;
}

/** The Session provider; what the state written by release 0.1.0 calls. */
export function sharedProvider(): pulumi.dynamic.ResourceProvider {
  return provider("Session");
}
