import { invalidRequest, missingField } from "../api-error";
import type { EnvironmentConfig, EnvironmentNetworking, EnvironmentPackages } from "../domain/object-wire-types";
import { isJsonObject, type JsonObject, optionalString, paramPath, rejectUnknownFields, requiredString } from "./json-fields";

const PACKAGE_MANAGERS = ["apt", "cargo", "gem", "go", "npm", "pip"] as const;

/** The config an environment gets when its create names none. */
export const DEFAULT_ENVIRONMENT_CONFIG: EnvironmentConfig = { type: "cloud", networking: { type: "unrestricted" } };

/**
 * Validates an environment's `config`: `{type: "cloud", networking?, packages?, setup_script?}`.
 * `networking` defaults to `{type: "unrestricted"}`; `packages` and `setup_script` appear only
 * when given. `self_hosted` environments are not emulated (400).
 */
export function parseEnvironmentConfig(value: unknown, param = "config"): EnvironmentConfig {
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an object.`, param);
  const type = requiredString(value, "type", param);
  if (type === "self_hosted") {
    throw invalidRequest("The emulator does not implement self-hosted environments.", paramPath(param, "type"));
  }
  if (type !== "cloud") throw invalidRequest(`Field '${param}.type' must be 'cloud'.`, paramPath(param, "type"));
  rejectUnknownFields(value, ["type", "networking", "packages", "setup_script"], param);
  const config: EnvironmentConfig = { type, networking: { type: "unrestricted" } };
  if (value.networking !== undefined && value.networking !== null) {
    config.networking = parseNetworking(value.networking, paramPath(param, "networking"));
  }
  if (value.packages !== undefined && value.packages !== null)
    config.packages = parsePackages(value.packages, paramPath(param, "packages"));
  const setupScript = optionalString(value, "setup_script", param);
  if (setupScript !== undefined) config.setup_script = setupScript;
  return config;
}

function parseNetworking(value: unknown, param: string): EnvironmentNetworking {
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an object.`, param);
  const type = requiredString(value, "type", param);
  if (type === "unrestricted") {
    rejectUnknownFields(value, ["type"], param);
    return { type };
  }
  if (type !== "limited") {
    throw invalidRequest(`Field '${param}.type' must be 'unrestricted' or 'limited'.`, paramPath(param, "type"));
  }
  rejectUnknownFields(value, ["type", "allowed_hosts", "allow_package_managers", "allow_mcp_servers"], param);
  if (value.allowed_hosts === undefined) throw missingField(paramPath(param, "allowed_hosts"));
  const networking: EnvironmentNetworking = { type, allowed_hosts: stringList(value.allowed_hosts, paramPath(param, "allowed_hosts")) };
  for (const flag of ["allow_package_managers", "allow_mcp_servers"] as const) {
    const given = optionalBoolean(value, flag, param);
    if (given !== undefined) networking[flag] = given;
  }
  return networking;
}

function parsePackages(value: unknown, param: string): EnvironmentPackages {
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an object.`, param);
  rejectUnknownFields(value, PACKAGE_MANAGERS, param);
  const packages: EnvironmentPackages = {};
  for (const manager of PACKAGE_MANAGERS) {
    if (value[manager] !== undefined && value[manager] !== null) packages[manager] = stringList(value[manager], paramPath(param, manager));
  }
  return packages;
}

/** An array of non-empty strings. */
function stringList(value: unknown, param: string): string[] {
  if (!Array.isArray(value)) throw invalidRequest(`Field '${param}' must be an array of strings.`, param);
  return value.map((item, index) => {
    if (typeof item !== "string" || item.length === 0) {
      throw invalidRequest(`Field '${param}[${index}]' must be a non-empty string.`, `${param}[${index}]`);
    }
    return item;
  });
}

function optionalBoolean(object: JsonObject, key: string, parent: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  const param = paramPath(parent, key);
  if (typeof value !== "boolean") throw invalidRequest(`Field '${param}' must be a boolean.`, param);
  return value;
}
