import { invalidRequest } from "../api-error";
import type { EnvironmentConfigPatch, NetworkingPatch } from "../domain/environment-config-patch";
import { PACKAGE_MANAGERS, type PackageManager } from "../domain/environment-wire-types";
import { expectObject, type JsonObject, nonEmptyStrings, optionalBoolean, paramPath, rejectUnknownFields } from "./json-fields";

const LIMITED_MEMBERS = ["allowed_hosts", "allow_package_managers", "allow_mcp_servers"] as const;

/**
 * Validates an environment's `config`, at create and on update alike: `{type?: "cloud",
 * networking?, packages?, setup_script?}`, where a member absent (or `null`, but for
 * `setup_script`) is left out of the patch. `type` may be left out (it means cloud);
 * `self_hosted` environments are not emulated (400).
 */
export function parseEnvironmentConfig(value: unknown, param = "config"): EnvironmentConfigPatch {
  const config = expectObject(value, param);
  checkConfigType(config.type, paramPath(param, "type"));
  rejectUnknownFields(config, ["type", "networking", "packages", "setup_script"], param);
  const patch: EnvironmentConfigPatch = {};
  if (config.networking !== undefined && config.networking !== null) {
    patch.networking = parseNetworking(config.networking, paramPath(param, "networking"));
  }
  if (config.packages !== undefined && config.packages !== null) {
    patch.packages = parsePackages(config.packages, paramPath(param, "packages"));
  }
  if (config.setup_script !== undefined) patch.setup_script = parseSetupScript(config.setup_script, paramPath(param, "setup_script"));
  return patch;
}

function checkConfigType(type: unknown, param: string): void {
  if (type === undefined || type === null || type === "cloud") return;
  if (type === "self_hosted") throw invalidRequest("The emulator does not implement self-hosted environments.", param);
  throw invalidRequest(`Field '${param}' must be 'cloud'.`, param);
}

/** `{type: "unrestricted"}`, or limited networking's members with or without `type: "limited"`. */
function parseNetworking(value: unknown, param: string): NetworkingPatch {
  const networking = expectObject(value, param);
  const type = networking.type;
  if (type === "unrestricted") {
    rejectUnknownFields(networking, ["type"], param);
    return { type };
  }
  if (type !== undefined && type !== null && type !== "limited") {
    throw invalidRequest(`Field '${param}.type' must be 'unrestricted' or 'limited'.`, paramPath(param, "type"));
  }
  rejectUnknownFields(networking, ["type", ...LIMITED_MEMBERS], param);
  const patch: NetworkingPatch = type === "limited" ? { type } : {};
  if (networking.allowed_hosts !== undefined && networking.allowed_hosts !== null) {
    patch.allowed_hosts = nonEmptyStrings(networking.allowed_hosts, paramPath(param, "allowed_hosts"));
  }
  for (const flag of ["allow_package_managers", "allow_mcp_servers"] as const) {
    const given = optionalBoolean(networking, flag, param);
    if (given !== undefined) patch[flag] = given;
  }
  return patch;
}

/** The package lists given, by manager; `type` may be `"packages"`. */
function parsePackages(value: unknown, param: string): Partial<Record<PackageManager, string[]>> {
  const packages: JsonObject = expectObject(value, param);
  if (packages.type !== undefined && packages.type !== null && packages.type !== "packages") {
    throw invalidRequest(`Field '${param}.type' must be 'packages'.`, paramPath(param, "type"));
  }
  rejectUnknownFields(packages, ["type", ...PACKAGE_MANAGERS], param);
  const lists: Partial<Record<PackageManager, string[]>> = {};
  for (const manager of PACKAGE_MANAGERS) {
    const list = packages[manager];
    if (list !== undefined && list !== null) lists[manager] = nonEmptyStrings(list, paramPath(param, manager));
  }
  return lists;
}

function parseSetupScript(value: unknown, param: string): string | null {
  if (value === null || typeof value === "string") return value;
  throw invalidRequest(`Field '${param}' must be a string or null.`, param);
}
