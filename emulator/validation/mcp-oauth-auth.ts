import { missingField } from "../api-error";
import type { McpOAuthRefreshPatch } from "../domain/credential-auth-patch";
import type { CredentialSecrets } from "../domain/credential-secrets";
import type { McpOAuthAuth, McpOAuthRefresh } from "../domain/vault-wire-types";
import { optionalSecret, parseExpiresAt, refuseImmutableFields, requiredHttpsUrl } from "./credential-fields";
import {
  expectObject,
  expectOneOf,
  type JsonObject,
  optionalString,
  paramPath,
  rejectUnknownFields,
  requiredNonEmptyString,
} from "./json-fields";

const REFRESH = "auth.refresh";
const ENDPOINT_AUTH = "auth.refresh.token_endpoint_auth";
const SECRET_AUTH_TYPES = ["client_secret_basic", "client_secret_post"] as const;

/**
 * A create's `mcp_oauth` auth: `{type, mcp_server_url, access_token, expires_at?, refresh?}`.
 * `refresh` is `{client_id, refresh_token, token_endpoint, token_endpoint_auth, resource?, scope?}`
 * or `null`; `token_endpoint_auth` is `{type: "none"}` or a client secret sent basic or post.
 */
export function parseMcpOAuthAuth(auth: JsonObject): { auth: McpOAuthAuth; secrets: CredentialSecrets } {
  rejectUnknownFields(auth, ["type", "mcp_server_url", "access_token", "expires_at", "refresh"], "auth");
  const secrets: CredentialSecrets = { access_token: requiredNonEmptyString(auth, "access_token", "auth") };
  const parsed: McpOAuthAuth = {
    type: "mcp_oauth",
    mcp_server_url: requiredHttpsUrl(auth, "mcp_server_url", "auth"),
    expires_at: parseExpiresAt(auth, "auth") ?? null,
    refresh: null,
  };
  if (auth.refresh !== undefined && auth.refresh !== null) parsed.refresh = parseRefresh(expectObject(auth.refresh, REFRESH), secrets);
  return { auth: parsed, secrets };
}

function parseRefresh(refresh: JsonObject, secrets: CredentialSecrets): McpOAuthRefresh {
  rejectUnknownFields(refresh, ["client_id", "refresh_token", "token_endpoint", "token_endpoint_auth", "resource", "scope"], REFRESH);
  const client_id = requiredNonEmptyString(refresh, "client_id", REFRESH);
  secrets.refresh_token = requiredNonEmptyString(refresh, "refresh_token", REFRESH);
  const token_endpoint = requiredHttpsUrl(refresh, "token_endpoint", REFRESH);
  if (refresh.token_endpoint_auth === undefined || refresh.token_endpoint_auth === null) throw missingField(ENDPOINT_AUTH);
  const endpointAuth = expectObject(refresh.token_endpoint_auth, ENDPOINT_AUTH);
  const type = expectOneOf(endpointAuth.type, ["none", ...SECRET_AUTH_TYPES] as const, paramPath(ENDPOINT_AUTH, "type"));
  if (type === "none") rejectUnknownFields(endpointAuth, ["type"], ENDPOINT_AUTH);
  else {
    rejectUnknownFields(endpointAuth, ["type", "client_secret"], ENDPOINT_AUTH);
    secrets.client_secret = requiredNonEmptyString(endpointAuth, "client_secret", ENDPOINT_AUTH);
  }
  return {
    client_id,
    token_endpoint,
    token_endpoint_auth: { type },
    resource: optionalString(refresh, "resource", REFRESH) ?? null,
    scope: optionalString(refresh, "scope", REFRESH) ?? null,
  };
}

/**
 * An update's `mcp_oauth` auth: `{type, access_token?, expires_at?, refresh?}`, where `refresh` may
 * change only `refresh_token`, `scope` and `token_endpoint_auth` (to a client secret, basic or post).
 */
export function parseMcpOAuthAuthPatch(auth: JsonObject): {
  secrets: CredentialSecrets;
  expires_at?: string | null;
  refresh?: McpOAuthRefreshPatch | null;
} {
  refuseImmutableFields(auth, ["mcp_server_url"], "auth");
  rejectUnknownFields(auth, ["type", "access_token", "expires_at", "refresh"], "auth");
  const secrets: CredentialSecrets = {};
  const accessToken = optionalSecret(auth, "access_token", "auth");
  if (accessToken !== undefined) secrets.access_token = accessToken;
  const patch: ReturnType<typeof parseMcpOAuthAuthPatch> = { secrets };
  const expiresAt = parseExpiresAt(auth, "auth");
  if (expiresAt !== undefined) patch.expires_at = expiresAt;
  if (auth.refresh === null) patch.refresh = null;
  else if (auth.refresh !== undefined) patch.refresh = parseRefreshPatch(expectObject(auth.refresh, REFRESH), secrets);
  return patch;
}

function parseRefreshPatch(refresh: JsonObject, secrets: CredentialSecrets): McpOAuthRefreshPatch {
  refuseImmutableFields(refresh, ["client_id", "token_endpoint", "resource"], REFRESH);
  rejectUnknownFields(refresh, ["refresh_token", "scope", "token_endpoint_auth"], REFRESH);
  const patch: McpOAuthRefreshPatch = {};
  const refreshToken = optionalSecret(refresh, "refresh_token", REFRESH);
  if (refreshToken !== undefined) secrets.refresh_token = refreshToken;
  if (refresh.scope !== undefined) patch.scope = optionalString(refresh, "scope", REFRESH) ?? null;
  if (refresh.token_endpoint_auth !== undefined && refresh.token_endpoint_auth !== null) {
    const endpointAuth = expectObject(refresh.token_endpoint_auth, ENDPOINT_AUTH);
    rejectUnknownFields(endpointAuth, ["type", "client_secret"], ENDPOINT_AUTH);
    patch.token_endpoint_auth = expectOneOf(endpointAuth.type, SECRET_AUTH_TYPES, paramPath(ENDPOINT_AUTH, "type"));
    const clientSecret = optionalSecret(endpointAuth, "client_secret", ENDPOINT_AUTH);
    if (clientSecret !== undefined) secrets.client_secret = clientSecret;
  }
  return patch;
}
