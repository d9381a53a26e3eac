import { invalidRequest, missingField } from "../api-error";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The request body as an object; an empty body counts as `{}` when `emptyAllowed`. */
export function requireBodyObject(body: unknown, emptyAllowed = false): JsonObject {
  if (body === undefined && emptyAllowed) return {};
  if (!isJsonObject(body)) throw invalidRequest("The request body must be a JSON object.");
  return body;
}

/** Joins a parent parameter path and a member name: `resources[0]` + `url` → `resources[0].url`. */
export function paramPath(parent: string | undefined, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

/** Rejects members outside `allowed`, naming the first unknown one. */
export function rejectUnknownFields(object: JsonObject, allowed: readonly string[], parent?: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const param = paramPath(parent, key);
      throw invalidRequest(`Unknown field '${param}'.`, param);
    }
  }
}

/** A required string member. */
export function requiredString(object: JsonObject, key: string, parent?: string): string {
  const param = paramPath(parent, key);
  if (object[key] === undefined) throw missingField(param);
  return expectString(object[key], param);
}

/** A required string member that is not empty. */
export function requiredNonEmptyString(object: JsonObject, key: string, parent?: string): string {
  const value = requiredString(object, key, parent);
  if (value.length === 0) {
    const param = paramPath(parent, key);
    throw invalidRequest(`Field '${param}' must not be empty.`, param);
  }
  return value;
}

/** An optional string member; `null` counts as absent. */
export function optionalString(object: JsonObject, key: string, parent?: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  return expectString(value, paramPath(parent, key));
}

/** An optional boolean member; `null` counts as absent. */
export function optionalBoolean(object: JsonObject, key: string, parent?: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  const param = paramPath(parent, key);
  if (typeof value !== "boolean") throw invalidRequest(`Field '${param}' must be a boolean.`, param);
  return value;
}

/** `value` as a JSON object, or 400 naming `param`. */
export function expectObject(value: unknown, param: string): JsonObject {
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an object.`, param);
  return value;
}

/** `value` as an array of non-empty strings, or 400 naming `param` (or the bad item). */
export function nonEmptyStrings(value: unknown, param: string): string[] {
  if (!Array.isArray(value)) throw invalidRequest(`Field '${param}' must be an array of strings.`, param);
  return value.map((item, index) => {
    if (typeof item !== "string" || item.length === 0) {
      throw invalidRequest(`Field '${param}[${index}]' must be a non-empty string.`, `${param}[${index}]`);
    }
    return item;
  });
}

/** `value` as one of `allowed`, or 400 naming `param` and listing them. */
export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], param: string): T {
  if (!allowed.includes(value as T))
    throw invalidRequest(`Field '${param}' must be one of ${allowed.map((v) => `'${v}'`).join(", ")}.`, param);
  return value as T;
}

/** `value` as an array of JSON objects, or 400 naming `param` (or the bad item). */
export function objectArray(value: unknown, param: string): JsonObject[] {
  if (!Array.isArray(value)) throw invalidRequest(`Field '${param}' must be an array of objects.`, param);
  return value.map((item, index) => expectObject(item, `${param}[${index}]`));
}

/** `value` as a string, or 400 naming `param`. */
function expectString(value: unknown, param: string): string {
  if (typeof value !== "string") throw invalidRequest(`Field '${param}' must be a string.`, param);
  return value;
}

/** An optional array of strings that each start with `prefix`; defaults to `[]`. */
export function optionalIdList(object: JsonObject, key: string, prefix: string): string[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidRequest(`Field '${key}' must be an array.`, key);
  return value.map((item, index) => {
    const param = `${key}[${index}]`;
    const id = expectString(item, param);
    if (!id.startsWith(prefix)) throw invalidRequest(`Field '${param}' must be an id starting with '${prefix}'.`, param);
    return id;
  });
}

/** Refuses a value that is not an https URL, naming `param`. */
export function requireHttpsUrl(url: string, param: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Field '${param}' must be an https URL.`, param);
  }
  if (parsed.protocol !== "https:") throw invalidRequest(`Field '${param}' must be an https URL.`, param);
}
