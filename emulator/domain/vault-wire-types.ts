/**
 * Shapes of the vaults and vault credentials the emulator sends, in the API's snake_case
 * (docs/api-contract.md#vaults). A credential's `auth` says what its secret is for, never the
 * secret (`token`, `secret_value`, `access_token`, `refresh_token`, `client_secret`) itself.
 */

/** A vault (`vault_…`): a named set of credentials that sessions name in `vault_ids`. */
export interface Vault {
  id: string;
  type: "vault";
  display_name: string;
  metadata: Record<string, string>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Body of a successful `DELETE /vaults/{id}`. */
export interface VaultDeleted {
  id: string;
  type: "vault_deleted";
}

/** The hosts whose outbound requests get an environment variable credential's secret. */
export type CredentialNetworking = { type: "unrestricted" } | { type: "limited"; allowed_hosts: string[] };

/** Where in an outbound request the secret's placeholder is replaced. */
export interface InjectionLocation {
  body: boolean;
  header: boolean;
}

/** How an MCP OAuth credential authenticates to its token endpoint. */
export type TokenEndpointAuthType = "none" | "client_secret_basic" | "client_secret_post";

/** How an MCP OAuth credential refreshes its access token. */
export interface McpOAuthRefresh {
  client_id: string;
  token_endpoint: string;
  token_endpoint_auth: { type: TokenEndpointAuthType };
  resource: string | null;
  scope: string | null;
}

/** A bearer token sent to one MCP server. */
export interface StaticBearerAuth {
  type: "static_bearer";
  mcp_server_url: string;
}

/** A secret filled into outbound requests in place of an environment variable's placeholder. */
export interface EnvironmentVariableAuth {
  type: "environment_variable";
  secret_name: string;
  injection_location: InjectionLocation;
  networking: CredentialNetworking;
}

/** An OAuth access token for one MCP server, with how to refresh it. */
export interface McpOAuthAuth {
  type: "mcp_oauth";
  mcp_server_url: string;
  expires_at: string | null;
  refresh: McpOAuthRefresh | null;
}

/** A credential's `auth` as the API returns it. */
export type VaultCredentialAuth = StaticBearerAuth | EnvironmentVariableAuth | McpOAuthAuth;

/** A vault credential (`vcred_…`). */
export interface VaultCredential {
  id: string;
  type: "vault_credential";
  vault_id: string;
  display_name: string | null;
  auth: VaultCredentialAuth;
  metadata: Record<string, string>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Body of a successful `DELETE /vaults/{id}/credentials/{cid}`. */
export interface VaultCredentialDeleted {
  id: string;
  type: "vault_credential_deleted";
}
