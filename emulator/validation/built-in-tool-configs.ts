import { invalidRequest } from "../api-error";
import type { ToolConfig } from "../domain/agent-wire-types";
import {
  expectObject,
  expectOneOf,
  type JsonObject,
  nonEmptyStrings,
  objectArray,
  optionalString,
  paramPath,
  rejectUnknownFields,
} from "./json-fields";
import { checkToolSettings } from "./tool-settings";

/** The built-in tools as a `configs` entry names them (in `name` or `type`). */
const CONFIG_TOOL_NAMES = ["bash", "edit", "read", "write", "glob", "grep", "web_fetch", "web_search"] as const;
type ConfigToolName = (typeof CONFIG_TOOL_NAMES)[number];

/** Members every entry may have. */
const SETTINGS = ["name", "type", "enabled", "permission_policy"];
/** Members only the entry of that tool may have. */
const TOOL_EXTRAS: Partial<Record<ConfigToolName, readonly string[]>> = {
  web_fetch: ["allowed_domains", "blocked_domains", "max_content_tokens"],
  web_search: ["allowed_domains", "blocked_domains", "user_location"],
};
/** Most entries in a domain list. */
const MAX_DOMAINS = 64;

/**
 * Validates the `configs` of an `agent_toolset_20260401`: entries `{name?, type?, enabled?,
 * permission_policy?}` naming a built-in tool in lower case (`web_fetch`), with the extras of
 * `web_fetch` and `web_search`. Answered as given; `[]` when absent or `null`.
 */
export function parseBuiltInToolConfigs(value: unknown, param: string): ToolConfig[] {
  if (value === undefined || value === null) return [];
  objectArray(value, param).forEach((config, index) => {
    checkBuiltInToolConfig(config, `${param}[${index}]`);
  });
  return structuredClone(value as ToolConfig[]);
}

function checkBuiltInToolConfig(config: JsonObject, param: string): void {
  const tool = configuredTool(config, param);
  rejectUnknownFields(config, [...SETTINGS, ...((tool && TOOL_EXTRAS[tool]) ?? [])], param);
  checkToolSettings(config, param);
  checkDomainLists(config, param);
  if (config.max_content_tokens !== undefined && config.max_content_tokens !== null) {
    const tokens = config.max_content_tokens;
    if (typeof tokens !== "number" || !Number.isInteger(tokens) || tokens < 1) {
      throw invalidRequest(`Field '${param}.max_content_tokens' must be a positive integer.`, paramPath(param, "max_content_tokens"));
    }
  }
  if (config.user_location !== undefined && config.user_location !== null)
    checkUserLocation(config.user_location, paramPath(param, "user_location"));
}

/** The tool the entry names in `name` or `type` (both, when given, must agree). */
function configuredTool(config: JsonObject, param: string): ConfigToolName | undefined {
  const named = (key: string) =>
    config[key] === undefined || config[key] === null ? undefined : expectOneOf(config[key], CONFIG_TOOL_NAMES, paramPath(param, key));
  const name = named("name");
  const type = named("type");
  if (name !== undefined && type !== undefined && name !== type) {
    throw invalidRequest(`Fields '${param}.name' and '${param}.type' name different tools.`, paramPath(param, "type"));
  }
  return name ?? type;
}

/** `allowed_domains` or `blocked_domains` (not both): 1 to 64 non-empty strings. */
function checkDomainLists(config: JsonObject, param: string): void {
  const given = (["allowed_domains", "blocked_domains"] as const).filter((key) => config[key] !== undefined && config[key] !== null);
  if (given.length === 2)
    throw invalidRequest(
      `Fields '${param}.allowed_domains' and '${param}.blocked_domains' cannot be used together.`,
      paramPath(param, "blocked_domains"),
    );
  for (const key of given) {
    const domains = nonEmptyStrings(config[key], paramPath(param, key));
    if (domains.length === 0 || domains.length > MAX_DOMAINS) {
      throw invalidRequest(`Field '${param}.${key}' must list 1 to ${MAX_DOMAINS} domains; leave it out for none.`, paramPath(param, key));
    }
  }
}

/** `user_location`: `{type?: "approximate", city?, country?, region?, timezone?}`, strings or `null`. */
function checkUserLocation(value: unknown, param: string): void {
  const location = expectObject(value, param);
  rejectUnknownFields(location, ["type", "city", "country", "region", "timezone"], param);
  if (location.type !== undefined && location.type !== null) expectOneOf(location.type, ["approximate"], paramPath(param, "type"));
  for (const key of ["city", "country", "region", "timezone"]) optionalString(location, key, param);
}
