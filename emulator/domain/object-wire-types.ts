/**
 * Shapes of the agents, environments, memory stores, vaults and vault credentials the emulator
 * sends, in the API's snake_case (/work/shared/api/qoder-cloud-api.md §6 and §11).
 */

/** The model an agent runs: a name such as `"ultimate"`, or an object with its `id` (and options), answered as given. */
export type AgentModel = string | { id: string; [option: string]: unknown };

/** An agent tool, e.g. `{type: "agent_toolset_20260401", enabled_tools: [...]}`; only `type` is checked. */
export interface AgentTool {
  type: string;
  [member: string]: unknown;
}

/**
 * An agent (`agent_…`) at one version. Every update makes a new version; `GET /agents/{id}`
 * answers the latest, `?version=N` and `/versions` the earlier ones.
 */
export interface Agent {
  id: string;
  type: "agent";
  name: string;
  model: AgentModel;
  system: string | null;
  description: string | null;
  tools: AgentTool[];
  mcp_servers: Record<string, unknown>[];
  skills: Record<string, unknown>[];
  metadata: Record<string, string>;
  version: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A memory store (`memstore_…`). */
export interface MemoryStore {
  id: string;
  type: "memory_store";
  name: string;
  description: string | null;
  metadata: Record<string, string>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Body of a successful `DELETE /memory_stores/{id}`. */
export interface MemoryStoreDeleted {
  id: string;
  type: "memory_store_deleted";
}

/**
 * An environment's network access: none restricted, or only `allowed_hosts` (plus package
 * managers and MCP servers when allowed). The booleans appear only when the request gave them.
 */
export type EnvironmentNetworking =
  | { type: "unrestricted" }
  | { type: "limited"; allowed_hosts: string[]; allow_package_managers?: boolean; allow_mcp_servers?: boolean };

/** Packages installed in an environment, per package manager; only the managers given appear. */
export interface EnvironmentPackages {
  apt?: string[];
  cargo?: string[];
  gem?: string[];
  go?: string[];
  npm?: string[];
  pip?: string[];
}

/** What an environment runs on. Only cloud environments are emulated. */
export interface EnvironmentConfig {
  type: "cloud";
  networking: EnvironmentNetworking;
  packages?: EnvironmentPackages;
  setup_script?: string;
}

/** An environment (`env_…`), which sessions name in `environment_id`. */
export interface Environment {
  id: string;
  type: "environment";
  name: string;
  description: string | null;
  config: EnvironmentConfig;
  metadata: Record<string, string>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Body of a successful `DELETE /environments/{id}`. */
export interface EnvironmentDeleted {
  id: string;
  type: "environment_deleted";
}

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

/**
 * A credential's `auth` as the API returns it: what the secret is for, never the secret
 * (`token`, `secret_value`) itself.
 */
export type VaultCredentialAuth = { type: "static_bearer"; mcp_server_url: string } | { type: "environment_variable"; secret_name: string };

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
