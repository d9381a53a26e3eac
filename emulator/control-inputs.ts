import type { AgentModelOptions, AgentSkill, Multiagent } from "./domain/agent-wire-types";
import type { EnvironmentScope } from "./domain/environment-wire-types";

/**
 * Inputs of the test controls' out-of-band updates, spelled as the API's update bodies. Each is
 * checked as the API checks that body.
 */

/** An out-of-band agent update; it makes the next version. */
export interface AgentUpdateInput {
  /** When given, the update is refused unless the agent is at this version. */
  version?: number;
  name?: string;
  /** A name, or an object whose `effort` may be a string (`"high"`) or its object form. */
  model?: string | (Omit<AgentModelOptions, "effort"> & { effort?: string | { type: string } });
  /** `null` or `""` clears it. */
  system?: string | null;
  /** `null` or `""` clears it. */
  description?: string | null;
  /** Replaces the whole array; `null` empties it. */
  tools?: Record<string, unknown>[] | null;
  mcp_servers?: Record<string, unknown>[] | null;
  skills?: (Omit<AgentSkill, "version"> & { version?: string | null })[] | null;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
  /** `null` removes the roster. */
  multiagent?: Multiagent | null;
}

/** An environment's `config` in an update: each member given changes that member, the others are kept. */
export interface EnvironmentConfigInput {
  type?: "cloud";
  networking?: {
    type?: "unrestricted" | "limited";
    allowed_hosts?: string[] | null;
    allow_package_managers?: boolean | null;
    allow_mcp_servers?: boolean | null;
  } | null;
  /** Per package manager: a list replaces that manager's list; absent or `null` keeps it. */
  packages?: {
    type?: "packages";
    apt?: string[] | null;
    cargo?: string[] | null;
    gem?: string[] | null;
    go?: string[] | null;
    npm?: string[] | null;
    pip?: string[] | null;
  } | null;
  /** `null` removes the script. */
  setup_script?: string | null;
}

/** An out-of-band environment update. */
export interface EnvironmentUpdateInput {
  name?: string;
  description?: string | null;
  config?: EnvironmentConfigInput;
  /** Merge patch: `null` or `""` deletes the key. */
  metadata?: Record<string, string | null>;
  /** `null` clears it. */
  scope?: EnvironmentScope | null;
}

/** An out-of-band memory store update. */
export interface MemoryStoreUpdateInput {
  name?: string;
  description?: string | null;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
}

/**
 * An out-of-band vault credential update, as if someone rotated it in the console. `auth` carries
 * its `type` (the credential's) and only what changes: `token`; `secret_value`,
 * `injection_location`, `networking`; `access_token`, `expires_at`, `refresh`.
 */
export interface VaultCredentialUpdateInput {
  auth?: { type: "static_bearer" | "environment_variable" | "mcp_oauth"; [member: string]: unknown };
  display_name?: string | null;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
}
