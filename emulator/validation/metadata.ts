import { invalidRequest } from "../api-error";
import { isJsonObject } from "./json-fields";

// Limits of metadata keys and values (docs/api-contract.md#identifiers-and-limits). The number of
// pairs allowed is unconfirmed and not enforced.
const MAX_KEY_LENGTH = 64;
const MAX_VALUE_LENGTH = 512;

/** Create-time metadata: string values only; absent or null → `{}`. */
export function parseMetadata(value: unknown, param = "metadata"): Record<string, string> {
  const entries = checkedEntries(value, param, false);
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Update-time metadata merge patch: a `null` value deletes the key. */
export function parseMetadataPatch(value: unknown, param = "metadata"): Record<string, string | null> {
  return Object.fromEntries(checkedEntries(value, param, true));
}

function checkedEntries(value: unknown, param: string, nullDeletes: boolean): [string, string | null][] {
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an object of strings.`, param);
  return Object.entries(value).map(([key, item]) => {
    const itemParam = `${param}.${key}`;
    if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
      throw invalidRequest(`Metadata keys must be 1 to ${MAX_KEY_LENGTH} characters long.`, itemParam);
    }
    if (item === null && nullDeletes) return [key, null];
    if (typeof item !== "string") throw invalidRequest(`Field '${itemParam}' must be a string.`, itemParam);
    if (item.length > MAX_VALUE_LENGTH) {
      throw invalidRequest(`Metadata values must be at most ${MAX_VALUE_LENGTH} characters long.`, itemParam);
    }
    return [key, item];
  });
}
