import { invalidRequest } from "../api-error";
import type { CredentialSecrets } from "./credential-secrets";
import type { CredentialNetworking, InjectionLocation, McpOAuthAuth, VaultCredentialAuth } from "./vault-wire-types";

/** A validated update of an MCP OAuth credential's `refresh`; its secrets travel in the patch's `secrets`. */
export interface McpOAuthRefreshPatch {
  /** `null` clears the scope. */
  scope?: string | null;
  token_endpoint_auth?: "client_secret_basic" | "client_secret_post";
}

/**
 * A validated update `auth`: its `type` (the stored one) and what it changes; members absent are
 * kept. `secrets` holds the new secrets given.
 */
export type CredentialAuthPatch =
  | { type: "static_bearer"; secrets: CredentialSecrets }
  | {
      type: "environment_variable";
      secrets: CredentialSecrets;
      /** The members given replace those members. */
      injection_location?: Partial<InjectionLocation>;
      /** Replaces the networking whole. */
      networking?: CredentialNetworking;
    }
  | {
      type: "mcp_oauth";
      secrets: CredentialSecrets;
      /** `null` clears it. */
      expires_at?: string | null;
      /** `null` removes the refresh, and its secrets with it. */
      refresh?: McpOAuthRefreshPatch | null;
    };

/** A credential's `auth` and the secrets it holds. */
export interface CredentialAuthState {
  auth: VaultCredentialAuth;
  secrets: CredentialSecrets;
}

/**
 * `current` with `patch` applied, as a new state (`current` is left as it is). 400 when the patch
 * is of another type, changes the refresh of a credential that has none, or moves a refresh to a
 * client secret without giving one.
 */
export function patchedCredentialAuth(current: CredentialAuthState, patch: CredentialAuthPatch): CredentialAuthState {
  const auth = structuredClone(current.auth);
  const secrets = { ...current.secrets, ...patch.secrets };
  if (patch.type !== auth.type) {
    throw invalidRequest(`Field 'auth.type' cannot be changed from '${auth.type}'; create a new credential instead.`, "auth.type");
  }
  if (patch.type === "environment_variable" && auth.type === "environment_variable") {
    auth.injection_location = { ...auth.injection_location, ...patch.injection_location };
    if (patch.networking) auth.networking = structuredClone(patch.networking);
  }
  if (patch.type === "mcp_oauth" && auth.type === "mcp_oauth") {
    if (patch.expires_at !== undefined) auth.expires_at = patch.expires_at;
    if (patch.refresh === null) {
      auth.refresh = null;
      delete secrets.refresh_token;
      delete secrets.client_secret;
    } else if (patch.refresh) patchRefresh(auth, patch.refresh, secrets);
  }
  return { auth, secrets };
}

function patchRefresh(auth: McpOAuthAuth, patch: McpOAuthRefreshPatch, secrets: CredentialSecrets): void {
  const refresh = auth.refresh;
  if (!refresh) {
    throw invalidRequest(
      "Field 'auth.refresh' cannot be set on a credential that has no refresh; create a new credential instead.",
      "auth.refresh",
    );
  }
  if (patch.scope !== undefined) refresh.scope = patch.scope;
  if (patch.token_endpoint_auth) {
    if (secrets.client_secret === undefined) {
      const param = "auth.refresh.token_endpoint_auth.client_secret";
      throw invalidRequest(`Field '${param}' is required: the credential has no client secret yet.`, param);
    }
    refresh.token_endpoint_auth = { type: patch.token_endpoint_auth };
  }
}
