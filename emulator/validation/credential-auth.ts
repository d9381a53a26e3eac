import { invalidRequest, missingField } from "../api-error";
import type { CredentialAuthPatch, CredentialAuthState } from "../domain/credential-auth-patch";
import type { CredentialSecrets } from "../domain/credential-secrets";
import type { VaultCredentialAuth } from "../domain/vault-wire-types";
import { optionalSecret, refuseImmutableFields, requiredHttpsUrl, requiredSecretName } from "./credential-fields";
import { injectionLocationPatch, parseCredentialNetworking, resolvedInjectionLocation } from "./credential-networking";
import { expectObject, expectOneOf, type JsonObject, rejectUnknownFields, requiredNonEmptyString } from "./json-fields";
import { parseMcpOAuthAuth, parseMcpOAuthAuthPatch } from "./mcp-oauth-auth";

const AUTH_TYPES: readonly VaultCredentialAuth["type"][] = ["static_bearer", "environment_variable", "mcp_oauth"];

/**
 * A create's `auth`, split into what responses show and the secrets they never do:
 * - `{type: "static_bearer", mcp_server_url, token}`;
 * - `{type: "environment_variable", secret_name, secret_value, networking, injection_location?}`;
 * - `{type: "mcp_oauth", mcp_server_url, access_token, expires_at?, refresh?}`.
 */
export function parseCredentialAuth(value: unknown): CredentialAuthState {
  const auth = expectObject(value, "auth");
  const type = authType(auth);
  if (type === "mcp_oauth") return parseMcpOAuthAuth(auth);
  if (type === "static_bearer") {
    rejectUnknownFields(auth, ["type", "mcp_server_url", "token"], "auth");
    return {
      auth: { type, mcp_server_url: requiredHttpsUrl(auth, "mcp_server_url", "auth") },
      secrets: { token: requiredNonEmptyString(auth, "token", "auth") },
    };
  }
  rejectUnknownFields(auth, ["type", "secret_name", "secret_value", "networking", "injection_location"], "auth");
  const secret_name = requiredSecretName(auth, "auth");
  const secrets = { secret_value: requiredNonEmptyString(auth, "secret_value", "auth") };
  return {
    auth: {
      type,
      secret_name,
      injection_location: resolvedInjectionLocation(auth.injection_location, "auth.injection_location"),
      networking: parseCredentialNetworking(auth.networking, "auth.networking"),
    },
    secrets,
  };
}

/**
 * An update's `auth`: its `type`, which must be `currentType`, and only the members that can
 * change. A member a create takes but an update cannot change (`mcp_server_url`, `secret_name`,
 * `refresh.client_id`, …) is a 400 asking for a new credential.
 */
export function parseCredentialAuthPatch(value: unknown, currentType: VaultCredentialAuth["type"]): CredentialAuthPatch {
  const auth = expectObject(value, "auth");
  const type = authType(auth);
  if (type !== currentType) {
    throw invalidRequest(`Field 'auth.type' cannot be changed from '${currentType}'; create a new credential instead.`, "auth.type");
  }
  if (type === "mcp_oauth") return { type, ...parseMcpOAuthAuthPatch(auth) };
  if (type === "static_bearer") {
    refuseImmutableFields(auth, ["mcp_server_url"], "auth");
    rejectUnknownFields(auth, ["type", "token"], "auth");
    return { type, secrets: given("token", optionalSecret(auth, "token", "auth")) };
  }
  refuseImmutableFields(auth, ["secret_name"], "auth");
  rejectUnknownFields(auth, ["type", "secret_value", "injection_location", "networking"], "auth");
  const patch: CredentialAuthPatch = {
    type,
    secrets: given("secret_value", optionalSecret(auth, "secret_value", "auth")),
    injection_location: injectionLocationPatch(auth.injection_location, "auth.injection_location"),
  };
  if (auth.networking !== undefined && auth.networking !== null)
    patch.networking = parseCredentialNetworking(auth.networking, "auth.networking");
  return patch;
}

function authType(auth: JsonObject): VaultCredentialAuth["type"] {
  if (auth.type === undefined) throw missingField("auth.type");
  return expectOneOf(auth.type, AUTH_TYPES, "auth.type");
}

/** `{[field]: secret}` when a secret was given, else `{}`. */
function given(field: "token" | "secret_value", secret: string | undefined): CredentialSecrets {
  return secret === undefined ? {} : { [field]: secret };
}
