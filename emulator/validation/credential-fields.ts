import { invalidRequest } from "../api-error";
import { type JsonObject, paramPath, requiredNonEmptyString, requiredString, requireHttpsUrl } from "./json-fields";

/** Longest URL a credential takes (docs/api-contract.md#vaults). */
const MAX_URL_LENGTH = 2048;
/** A secret name is an environment variable name. */
const SECRET_NAME_FORM = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An RFC 3339 date-time. */
const RFC3339_FORM = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Checks of the members of a credential's `auth` that create and update share. */

/** A required https URL of at most 2048 characters (`mcp_server_url`, `token_endpoint`). */
export function requiredHttpsUrl(object: JsonObject, key: string, parent: string): string {
  const url = requiredString(object, key, parent);
  const param = paramPath(parent, key);
  if (url.length > MAX_URL_LENGTH) throw invalidRequest(`Field '${param}' must be at most ${MAX_URL_LENGTH} characters long.`, param);
  requireHttpsUrl(url, param);
  return url;
}

/** A required environment variable name (`secret_name`). */
export function requiredSecretName(object: JsonObject, parent: string): string {
  const name = requiredString(object, "secret_name", parent);
  const param = paramPath(parent, "secret_name");
  if (!SECRET_NAME_FORM.test(name)) {
    throw invalidRequest(
      `Field '${param}' must be an environment variable name (letters, digits and '_', not starting with a digit).`,
      param,
    );
  }
  return name;
}

/** An update's optional secret: absent or `null` → `undefined`; given, it must not be empty. */
export function optionalSecret(object: JsonObject, key: string, parent: string): string | undefined {
  if (object[key] === undefined || object[key] === null) return undefined;
  return requiredNonEmptyString(object, key, parent);
}

/** `expires_at`: absent → `undefined`, `null` → `null`, else an RFC 3339 date-time, kept as given. */
export function parseExpiresAt(object: JsonObject, parent: string): string | null | undefined {
  const value = object.expires_at;
  if (value === undefined || value === null) return value;
  const param = paramPath(parent, "expires_at");
  if (typeof value !== "string" || !RFC3339_FORM.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalidRequest(`Field '${param}' must be an RFC 3339 date-time.`, param);
  }
  return value;
}

/** Refuses members of a create's `auth` that an update cannot change, naming the first one given. */
export function refuseImmutableFields(object: JsonObject, immutable: readonly string[], parent: string): void {
  for (const key of immutable) {
    if (object[key] !== undefined) {
      const param = paramPath(parent, key);
      throw invalidRequest(`Field '${param}' cannot be changed; create a new credential instead.`, param);
    }
  }
}
