/**
 * Loaded with `node --require` (through NODE_OPTIONS) into every Node.js process the Pulumi CLI
 * starts; it does something only in the dynamic provider process. There it counts, for the
 * benchmark report, how often the Session provider is configured, resolves its settings and
 * builds an undici connection pool, and how many calls each provider method served. Counts go to
 * `$BENCH_PROBE_DIR/provider-<pid>.json`. The no-op provider's process never loads the Session
 * provider, so nothing is loaded or counted there; it only exits the same way.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** What the probe writes for one provider process. */
export interface ProbeCounts {
  pid: number;
  /** Distinct provider instances handed to the serialized shims. */
  providerInstances: number;
  configureCalls: number;
  /** Calls of the settings resolver (stack config, environment) that a client is built from. */
  settingsResolved: number;
  /** undici `Pool`s constructed, i.e. connection pools. */
  poolsCreated: number;
  /** Calls served, by provider method. */
  calls: Record<string, number>;
}

const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

function install(directory: string): void {
  const Module = require("node:module") as { _load: (request: string, ...rest: unknown[]) => unknown };
  const counts: ProbeCounts = {
    pid: process.pid,
    providerInstances: 0,
    configureCalls: 0,
    settingsResolved: 0,
    poolsCreated: 0,
    calls: {},
  };
  const file = join(directory, `provider-${process.pid}.json`);
  // The CLI ends the provider with SIGINT, which by default ends Node.js without its exit hooks;
  // exiting instead writes the counts (and lets `--cpu-prof` write its profile). Rare events are
  // written at once, and calls once a second, in case the CLI has to kill the process harder.
  process.once("SIGINT", () => process.exit(130));
  let pending = false;
  const flush = () => {
    if (!pending) return;
    pending = false;
    writeFileSync(file, JSON.stringify(counts));
  };
  const bump = (update: () => void, now = false) => {
    update();
    pending = true;
    if (now) flush();
  };
  setInterval(flush, 1000).unref();
  process.on("exit", flush);

  const instances = new Set<object>();
  const wrapped = new Set<object>();
  const original = Module._load;
  let patched = false;
  let poolsPatched = false;
  Module._load = function (request: string, ...rest: unknown[]) {
    const loaded = original.call(this, request, ...rest);
    if (request === "undici" && !poolsPatched) {
      // Pools: counted from undici's first load on (the client loads it when it builds its first
      // pool), so the probe itself never loads undici into a process that does not.
      poolsPatched = true;
      const undici = loaded as { Pool: new (...args: any[]) => object };
      const Pool = undici.Pool;
      undici.Pool = class CountedPool extends Pool {
        constructor(...args: any[]) {
          super(...args);
          bump(() => counts.poolsCreated++, true);
        }
      };
      return loaded;
    }
    if (patched || request !== "pulumi-qoder/runtime") return loaded;
    patched = true;
    const runtime = loaded as { sharedProvider: () => object };
    const settings = original.call(this, require.resolve("pulumi-qoder").replace(/index\.js$/, "pulumi/settings.js"), ...rest) as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    const resolve = settings.resolveClientOptions;
    if (typeof resolve === "function") {
      settings.resolveClientOptions = (...args: unknown[]) => {
        bump(() => counts.settingsResolved++, true);
        return resolve(...args);
      };
    }
    const shared = runtime.sharedProvider;
    runtime.sharedProvider = () => {
      const provider = shared();
      if (!instances.has(provider)) bump(() => (counts.providerInstances = instances.add(provider).size), true);
      const prototype = Object.getPrototypeOf(provider) as Record<string, (...args: unknown[]) => unknown>;
      if (!wrapped.has(prototype)) {
        wrapped.add(prototype);
        for (const method of METHODS) {
          const impl = prototype[method];
          if (typeof impl !== "function") continue;
          prototype[method] = function (this: unknown, ...args: unknown[]) {
            bump(() => {
              counts.calls[method] = (counts.calls[method] ?? 0) + 1;
              if (method === "configure") counts.configureCalls++;
            }, method === "configure");
            return impl.apply(this, args);
          };
        }
      }
      return provider;
    };
    return loaded;
  };
}

const directory = process.env.BENCH_PROBE_DIR;
if (directory && process.argv.some((arg) => arg.includes("dynamic-provider"))) {
  try {
    install(directory);
  } catch (error) {
    process.emitWarning(`bench provider probe not installed: ${(error as Error).message}`);
  }
}
