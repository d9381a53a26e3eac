/**
 * An environment's `config` (docs/api-contract.md#environments): what the container runs on, what
 * it may reach and what is installed in it. camelCase here; the planner sends it in snake_case,
 * whole, whenever it changes.
 */
import { z } from "zod";
import { canonicalJson, strictObject } from "../dynamic/properties";
import { problem } from "../dynamic/schemas";
import { containsUnknown } from "../dynamic/unknown";
import { allowedHostProblem, hostKey } from "./allowed-host";

/** The package managers the API installs packages with. */
const PACKAGE_MANAGERS = ["apt", "cargo", "gem", "go", "npm", "pip"] as const;

const flag = () => z.boolean({ error: "must be true or false" }).optional();

/** Keys of `networking` that mean something only when its type is "limited". */
const LIMITED_ONLY = ["allowedHosts", "allowPackageManagers", "allowMcpServers"] as const;

const networkingSchema = strictObject(
  {
    type: z.enum(["unrestricted", "limited"], { error: 'must be "unrestricted" or "limited"' }),
    /** With "limited": the hosts the container may reach, e.g. `["api.github.com", "*.npmjs.org"]`. */
    allowedHosts: z
      .array(z.string({ error: "must be a string" }).superRefine(problem(allowedHostProblem)), { error: "must be a list of host names" })
      .optional(),
    /** With "limited": whether the package managers' registries may be reached too. */
    allowPackageManagers: flag(),
    /** With "limited": whether the agent's MCP servers may be reached too. */
    allowMcpServers: flag(),
  },
  'must be an object: { type: "unrestricted" } or { type: "limited", allowedHosts: [...] }',
).superRefine((networking, ctx) => {
  if (networking.type === "unrestricted") {
    for (const key of LIMITED_ONLY) {
      if (networking[key] !== undefined)
        ctx.addIssue({ code: "custom", path: [key], message: 'applies only with networking type "limited"' });
    }
    return;
  }
  const hosts = networking.allowedHosts;
  if (hosts === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["allowedHosts"],
      message: 'is required with networking type "limited": the hosts the environment may reach ([] for none)',
    });
    return;
  }
  const seen = new Map<string, number>();
  hosts.forEach((host, index) => {
    if (containsUnknown(host)) return;
    const first = seen.get(hostKey(host));
    if (first === undefined) seen.set(hostKey(host), index);
    else ctx.addIssue({ code: "custom", path: ["allowedHosts", index], message: `names "${host}" again (as allowedHosts[${first}])` });
  });
});

const packageName = z
  .string({ error: "must be a string" })
  .min(1, { error: "must not be empty" })
  .regex(/^\S*$/, { error: "must not contain whitespace: give one package per entry" });

const packagesSchema = strictObject(
  Object.fromEntries(
    PACKAGE_MANAGERS.map((manager) => [manager, z.array(packageName, { error: "must be a list of package names" }).optional()]),
  ) as Record<(typeof PACKAGE_MANAGERS)[number], z.ZodOptional<z.ZodArray<typeof packageName>>>,
  `must be an object of package lists by manager (${PACKAGE_MANAGERS.join(", ")})`,
);

/**
 * `{ type: "cloud", networking?, packages?, setupScript? }`. Self-hosted environments (`type:
 * "self_hosted"`, run by your own workers) are out of this provider's scope.
 */
export const environmentConfigSchema = strictObject(
  {
    type: z.literal("cloud", { error: 'must be "cloud" (self-hosted environments are not supported by this provider)' }),
    networking: networkingSchema.optional(),
    packages: packagesSchema.optional(),
    setupScript: z.string({ error: "must be a string" }).optional(),
  },
  'must be an object such as { type: "cloud", networking: { type: "unrestricted" } }',
).superRefine((config, ctx) => {
  // The API installs packages from the managers' registries, which limited networking blocks unless allowed.
  const installs = PACKAGE_MANAGERS.some((manager) => (config.packages?.[manager]?.length ?? 0) > 0);
  const networking = config.networking;
  if (installs && networking?.type === "limited" && networking.allowPackageManagers !== true && !containsUnknown(networking)) {
    ctx.addIssue({
      code: "custom",
      path: ["networking", "allowPackageManagers"],
      message: 'must be true when packages are installed with networking type "limited": the API refuses it otherwise',
    });
  }
});

/** An environment's config as declared. */
export type EnvironmentConfig = z.output<typeof environmentConfigSchema>;

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Networking with the API's defaults made explicit: unrestricted when not given; limited with its
 * hosts ([] when not given) and both flags (false when not given).
 */
function explicitNetworking(networking: unknown): Loose {
  if (!isObject(networking)) return { type: "unrestricted" };
  if (networking.type !== "limited") return { type: networking.type };
  return {
    type: "limited",
    allowedHosts: Array.isArray(networking.allowedHosts) ? networking.allowedHosts : [],
    allowPackageManagers: networking.allowPackageManagers === true,
    allowMcpServers: networking.allowMcpServers === true,
  };
}

/**
 * The config with the API's defaults made explicit and what it does not mean dropped, so a
 * config compares equal to the API's answer for it: networking absent is "unrestricted"; the
 * "limited" flags absent are false (both unconfirmed defaults, docs/api-contract.md#environments);
 * the order of allowed hosts and their case mean nothing; empty package lists, an empty setup
 * script and members this provider does not declare are as good as absent.
 */
function normalized(config: unknown): unknown {
  if (!isObject(config)) return config;
  const networking = explicitNetworking(config.networking);
  const packages = isObject(config.packages) ? config.packages : {};
  return {
    type: config.type,
    networking: Array.isArray(networking.allowedHosts)
      ? { ...networking, allowedHosts: networking.allowedHosts.map((host) => hostKey(String(host))).sort() }
      : networking,
    packages: Object.fromEntries(
      PACKAGE_MANAGERS.filter((m) => Array.isArray(packages[m]) && packages[m].length > 0).map((m) => [m, packages[m]]),
    ),
    setupScript: typeof config.setupScript === "string" && config.setupScript !== "" ? config.setupScript : undefined,
  };
}

/**
 * The config an update sends: every member explicit, since the API keeps each member an update
 * leaves out (docs/api-contract.md#environments). Networking in full (unrestricted when not
 * declared, the limited flags false when not declared), all six package lists ([] when not
 * declared), the setup script or null.
 */
export function completeConfig(config: EnvironmentConfig): Loose {
  return {
    type: config.type,
    networking: explicitNetworking(config.networking),
    packages: Object.fromEntries(PACKAGE_MANAGERS.map((manager) => [manager, config.packages?.[manager] ?? []])),
    setupScript: config.setupScript ?? null,
  };
}

/**
 * A config the API reports, in the form a declaration has: without the `packages.type` tag and the
 * empty package lists the API fills in (all six are always reported). An answer without
 * `networking` says nothing of it (the recorded answers have none), so the declared one stands.
 */
export function configAsDeclared(config: unknown, declared: unknown): unknown {
  if (!isObject(config)) return config;
  const { packages: reported, ...rest } = config;
  const held: Loose = { ...rest };
  if (!("networking" in config) && isObject(declared) && declared.networking !== undefined) held.networking = declared.networking;
  if (!isObject(reported)) return reported === undefined ? held : { ...held, packages: reported };
  const { type: _tag, ...lists } = reported;
  const packages = Object.fromEntries(Object.entries(lists).filter(([, list]) => !(Array.isArray(list) && list.length === 0)));
  return Object.keys(packages).length > 0 ? { ...held, packages } : held;
}

/** True when two configs ask the API for the same environment (see {@link normalized}). */
export function sameConfig(a: unknown, b: unknown): boolean {
  return canonicalJson(normalized(a)) === canonicalJson(normalized(b));
}
