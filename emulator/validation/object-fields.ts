import { invalidRequest } from "../api-error";
import { type JsonObject, optionalString, paramPath, requiredString } from "./json-fields";
import { parseMetadataPatch } from "./metadata";

/**
 * Field rules the bodies of agents, environments, memory stores, vaults and vault credentials
 * share: bounded names, descriptions that `null` clears, and update patches.
 */

/** A required string of 1 to `max` characters. */
export function requiredName(object: JsonObject, key: string, max: number, parent?: string): string {
  return checkedLength(requiredString(object, key, parent), paramPath(parent, key), max);
}

/** An optional string of 1 to `max` characters; absent or `null` → `null`. */
export function optionalName(object: JsonObject, key: string, max: number): string | null {
  const value = optionalString(object, key);
  return value === undefined ? null : checkedLength(value, key, max);
}

/** An optional string at create; absent or `null` → `null`. */
export function nullableString(object: JsonObject, key: string): string | null {
  return optionalString(object, key) ?? null;
}

/** An update's name, which cannot be cleared: absent → `undefined` (kept); `null` → 400. */
export function updatedName(object: JsonObject, key: string, max: number): string | undefined {
  if (object[key] === undefined) return undefined;
  if (object[key] === null) throw invalidRequest(`Field '${key}' cannot be cleared.`, key);
  return requiredName(object, key, max);
}

/** An update's optional string: absent → `undefined` (kept); `null` → `null` (cleared). */
export function updatedNullableString(object: JsonObject, key: string): string | null | undefined {
  if (object[key] === undefined) return undefined;
  return nullableString(object, key);
}

/**
 * An update's metadata merge patch: `null` deletes a key, and so does `""` when `emptyDeletes`.
 * An absent or `null` `metadata` patches nothing.
 */
export function updatedMetadata(object: JsonObject, emptyDeletes = false): Record<string, string | null> | undefined {
  if (object.metadata === undefined || object.metadata === null) return undefined;
  const patch = parseMetadataPatch(object.metadata);
  if (!emptyDeletes) return patch;
  return Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value === "" ? null : value]));
}

function checkedLength(value: string, param: string, max: number): string {
  if (value.length < 1 || value.length > max) throw invalidRequest(`Field '${param}' must be 1 to ${max} characters long.`, param);
  return value;
}
