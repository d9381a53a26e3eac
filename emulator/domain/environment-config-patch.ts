import { invalidRequest } from "../api-error";
import {
  type EnvironmentConfig,
  type EnvironmentNetworking,
  type EnvironmentPackages,
  type LimitedNetworking,
  PACKAGE_MANAGERS,
  type PackageManager,
} from "./environment-wire-types";

/** A validated `config.networking`: what it names; a member left out is absent. */
export interface NetworkingPatch {
  /** Absent when the request gave no `type`. */
  type?: "unrestricted" | "limited";
  allowed_hosts?: string[];
  allow_package_managers?: boolean;
  allow_mcp_servers?: boolean;
}

/** A validated `config`: each member given changes that member, each one absent (or `null`, where noted) keeps it. */
export interface EnvironmentConfigPatch {
  networking?: NetworkingPatch;
  /** The lists given, one per package manager; the others are kept. */
  packages?: Partial<Record<PackageManager, string[]>>;
  /** `null` removes the script. */
  setup_script?: string | null;
}

/** What an environment's networking without a `type` means: at create, inferred from its members; on update, the stored type. */
export type TypelessNetworking = "infer" | "keep";

/** The config of an environment whose create gave none: cloud, unrestricted, no packages, no script. */
export function defaultEnvironmentConfig(): EnvironmentConfig {
  return { type: "cloud", networking: { type: "unrestricted" }, packages: emptyPackages() };
}

/**
 * `current` with `patch` applied member by member, as a new config (`current` is left as it is).
 * 400 when the result installs packages under limited networking that does not allow package
 * managers, or when an update's networking without a `type` names limited members while the stored
 * networking is unrestricted.
 */
export function patchedEnvironmentConfig(
  current: EnvironmentConfig,
  patch: EnvironmentConfigPatch,
  typeless: TypelessNetworking,
): EnvironmentConfig {
  const config: EnvironmentConfig = {
    type: "cloud",
    networking: patch.networking ? patchedNetworking(current.networking, patch.networking, typeless) : structuredClone(current.networking),
    packages: patchedPackages(current.packages, patch.packages ?? {}),
  };
  const script = patch.setup_script === undefined ? current.setup_script : patch.setup_script;
  if (script !== undefined && script !== null) config.setup_script = script;
  checkPackageManagersAllowed(config);
  return config;
}

function patchedNetworking(current: EnvironmentNetworking, patch: NetworkingPatch, typeless: TypelessNetworking): EnvironmentNetworking {
  const namesLimitedMembers =
    patch.allowed_hosts !== undefined || patch.allow_package_managers !== undefined || patch.allow_mcp_servers !== undefined;
  const type = patch.type ?? (typeless === "keep" ? current.type : namesLimitedMembers ? "limited" : "unrestricted");
  if (type === "unrestricted") {
    if (namesLimitedMembers) {
      throw invalidRequest(
        "Field 'config.networking' names limited networking members but no 'type', and the environment's networking is unrestricted; send 'type': 'limited'.",
        "config.networking.type",
      );
    }
    return { type };
  }
  const base: LimitedNetworking =
    current.type === "limited" ? current : { type, allowed_hosts: [], allow_package_managers: false, allow_mcp_servers: false };
  return {
    type,
    allowed_hosts: [...(patch.allowed_hosts ?? base.allowed_hosts)],
    allow_package_managers: patch.allow_package_managers ?? base.allow_package_managers,
    allow_mcp_servers: patch.allow_mcp_servers ?? base.allow_mcp_servers,
  };
}

function patchedPackages(current: EnvironmentPackages, patch: Partial<Record<PackageManager, string[]>>): EnvironmentPackages {
  const packages = emptyPackages();
  for (const manager of PACKAGE_MANAGERS) packages[manager] = [...(patch[manager] ?? current[manager])];
  return packages;
}

/** Limited networking must allow package managers whenever any package is to be installed. */
function checkPackageManagersAllowed(config: EnvironmentConfig): void {
  const { networking, packages } = config;
  if (networking.type !== "limited" || networking.allow_package_managers) return;
  if (PACKAGE_MANAGERS.every((manager) => packages[manager].length === 0)) return;
  throw invalidRequest(
    "Field 'config.networking.allow_package_managers' must be true when limited networking installs packages.",
    "config.networking.allow_package_managers",
  );
}

function emptyPackages(): EnvironmentPackages {
  return { type: "packages", apt: [], cargo: [], gem: [], go: [], npm: [], pip: [] };
}
