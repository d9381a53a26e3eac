/**
 * Shapes of the environments the emulator sends, in the API's snake_case
 * (docs/api-contract.md#environments). Responses are always complete: every package list, and
 * every member of limited networking, whatever the request left out.
 */

/** The package managers an environment installs packages with, in the order responses list them. */
export const PACKAGE_MANAGERS = ["apt", "cargo", "gem", "go", "npm", "pip"] as const;

/** One of {@link PACKAGE_MANAGERS}. */
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** Network access limited to `allowed_hosts`, plus package registries and MCP servers when allowed. */
export interface LimitedNetworking {
  type: "limited";
  allowed_hosts: string[];
  allow_package_managers: boolean;
  allow_mcp_servers: boolean;
}

/** An environment's network access: unrestricted, or limited. */
export type EnvironmentNetworking = { type: "unrestricted" } | LimitedNetworking;

/** Packages installed in an environment: one list per package manager, empty when none. */
export type EnvironmentPackages = { type: "packages" } & Record<PackageManager, string[]>;

/** What an environment runs on. Only cloud environments are emulated. */
export interface EnvironmentConfig {
  type: "cloud";
  networking: EnvironmentNetworking;
  packages: EnvironmentPackages;
  /** Present only while a script is set. */
  setup_script?: string;
}

/** Who an environment belongs to. */
export type EnvironmentScope = "organization" | "account";

/** An environment (`env_…`), which sessions name in `environment_id`. */
export interface Environment {
  id: string;
  type: "environment";
  name: string;
  /** `""` when unset. */
  description: string;
  config: EnvironmentConfig;
  metadata: Record<string, string>;
  /** Present only while set. */
  scope?: EnvironmentScope;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Body of a successful `DELETE /environments/{id}`. */
export interface EnvironmentDeleted {
  id: string;
  type: "environment_deleted";
}
