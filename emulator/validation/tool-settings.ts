import type { PermissionPolicy, ToolDefaultConfig } from "../domain/agent-wire-types";
import { expectObject, expectOneOf, type JsonObject, optionalBoolean, paramPath, rejectUnknownFields } from "./json-fields";

const POLICIES: readonly PermissionPolicy["type"][] = ["always_allow", "always_ask"];

/**
 * Settings every toolset shares: a tool's `enabled` and `permission_policy`, in a `configs` entry
 * or in `default_config`.
 */

/** Checks `enabled` (a boolean or `null`) and `permission_policy` (`{type}` or `null`) of a toolset setting. */
export function checkToolSettings(settings: JsonObject, param: string): void {
  optionalBoolean(settings, "enabled", param);
  parsePermissionPolicy(settings.permission_policy, paramPath(param, "permission_policy"));
}

/**
 * A toolset's `default_config` as responses give it: `{enabled: true, permission_policy:
 * {type: "always_allow"}}`, with each member the request gave (not `null`) in place of the default.
 */
export function resolvedDefaultConfig(value: unknown, param: string): ToolDefaultConfig {
  const given = value === undefined || value === null ? {} : expectObject(value, param);
  rejectUnknownFields(given, ["enabled", "permission_policy"], param);
  return {
    enabled: optionalBoolean(given, "enabled", param) ?? true,
    permission_policy: parsePermissionPolicy(given.permission_policy, paramPath(param, "permission_policy")) ?? { type: "always_allow" },
  };
}

function parsePermissionPolicy(value: unknown, param: string): PermissionPolicy | undefined {
  if (value === undefined || value === null) return undefined;
  const policy = expectObject(value, param);
  rejectUnknownFields(policy, ["type"], param);
  return { type: expectOneOf(policy.type, POLICIES, paramPath(param, "type")) };
}
