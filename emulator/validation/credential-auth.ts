import { invalidRequest } from "../api-error";
import type { CredentialAuthParams, VaultCredentialPatch } from "../domain/vault-credential-store";
import {
  isJsonObject,
  type JsonObject,
  optionalString,
  rejectUnknownFields,
  requiredNonEmptyString,
  requiredString,
  requireHttpsUrl,
} from "./json-fields";

/** Longest MCP server URL (API notes §2.6). */
const MAX_URL_LENGTH = 2048;
/** A secret name is an environment variable name. */
const SECRET_NAME_FORM = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A create's `auth`: `{type: "static_bearer", mcp_server_url, token}` or
 * `{type: "environment_variable", secret_name, secret_value}`. `mcp_oauth` is not implemented (400).
 */
export function parseCredentialAuth(value: unknown): CredentialAuthParams {
  const object = authObject(value);
  if (object.type === "static_bearer") {
    rejectUnknownFields(object, ["type", "mcp_server_url", "token"], "auth");
    const url = checkedUrl(requiredString(object, "mcp_server_url", "auth"));
    return { auth: { type: "static_bearer", mcp_server_url: url }, secret: requiredNonEmptyString(object, "token", "auth") };
  }
  rejectUnknownFields(object, ["type", "secret_name", "secret_value"], "auth");
  const name = checkedSecretName(requiredString(object, "secret_name", "auth"));
  return { auth: { type: "environment_variable", secret_name: name }, secret: requiredNonEmptyString(object, "secret_value", "auth") };
}

/**
 * An update's `auth`: the same shapes, with `mcp_server_url` or `secret_name` optional (kept when
 * absent; the store refuses a different one) and the secret required.
 */
export function parseCredentialAuthPatch(value: unknown): NonNullable<VaultCredentialPatch["auth"]> {
  const object = authObject(value);
  if (object.type === "static_bearer") {
    rejectUnknownFields(object, ["type", "mcp_server_url", "token"], "auth");
    const url = optionalString(object, "mcp_server_url", "auth");
    return {
      type: "static_bearer",
      mcp_server_url: url === undefined ? undefined : checkedUrl(url),
      secret: requiredNonEmptyString(object, "token", "auth"),
    };
  }
  rejectUnknownFields(object, ["type", "secret_name", "secret_value"], "auth");
  const name = optionalString(object, "secret_name", "auth");
  return {
    type: "environment_variable",
    secret_name: name === undefined ? undefined : checkedSecretName(name),
    secret: requiredNonEmptyString(object, "secret_value", "auth"),
  };
}

/** `auth` as an object of a type the emulator implements. */
function authObject(value: unknown): JsonObject & { type: "static_bearer" | "environment_variable" } {
  if (!isJsonObject(value)) throw invalidRequest("Field 'auth' must be an object.", "auth");
  const type = requiredString(value, "type", "auth");
  if (type === "mcp_oauth") throw invalidRequest("The emulator does not implement 'mcp_oauth' credentials.", "auth.type");
  if (type !== "static_bearer" && type !== "environment_variable") {
    throw invalidRequest("Field 'auth.type' must be 'static_bearer' or 'environment_variable'.", "auth.type");
  }
  return value as JsonObject & { type: typeof type };
}

function checkedUrl(url: string): string {
  const param = "auth.mcp_server_url";
  if (url.length > MAX_URL_LENGTH) throw invalidRequest(`Field '${param}' must be at most ${MAX_URL_LENGTH} characters long.`, param);
  requireHttpsUrl(url, param);
  return url;
}

function checkedSecretName(name: string): string {
  const param = "auth.secret_name";
  if (!SECRET_NAME_FORM.test(name)) {
    throw invalidRequest(
      `Field '${param}' must be an environment variable name (letters, digits and '_', not starting with a digit).`,
      param,
    );
  }
  return name;
}
