import type { Checkout, MemoryStoreAccess, RepositoryType, SessionBudget } from "./wire-types";

/** How a create request names the agent: an id, optionally pinned to a version (0 = latest). */
export interface AgentReference {
  id: string;
  version?: number;
}

/** A repository to mount at create, with the credential it was given. */
export interface RepositoryResourceParams {
  type: RepositoryType;
  url: string;
  mount_path: string;
  checkout: Checkout;
  credential: string;
}

/** A file to mount, at create or through add-resource. */
export interface FileResourceParams {
  type: "file";
  file_id: string;
  mount_path: string;
}

/** A memory store to attach at create, from a `resources[]` entry or the older `memory_store_ids`. */
export interface MemoryStoreResourceParams {
  type: "memory_store";
  memory_store_id: string;
  access?: MemoryStoreAccess;
  instructions?: string;
}

/** A validated entry of a resource that gets a `sesr_` id. */
export type IdentifiedResourceParams = RepositoryResourceParams | FileResourceParams;

/** A validated resource entry. */
export type ResourceParams = IdentifiedResourceParams | MemoryStoreResourceParams;

/** A validated create-session request, defaults applied; `memory_store_ids` are in `resources`. */
export interface CreateSessionParams {
  agent: AgentReference;
  environment_id: string;
  title: string;
  metadata: Record<string, string>;
  resources: ResourceParams[];
  vault_ids: string[];
  environment_variables: Record<string, string>;
  budget?: SessionBudget;
}

/**
 * What a session seeded by a test may fix instead of the store: its id, its creation time (also
 * its resources' and its `updated_at`) and the ids of its resources, each checked by the store.
 */
export interface GivenIdentity {
  id?: string;
  created_at?: string;
  /** By position in the create's `resources`; `undefined` where the store picks the id. */
  resource_ids?: (string | undefined)[];
}

/** A validated update-session request; absent members leave the session unchanged. */
export interface SessionPatch {
  title?: string;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
  agent?: { tools?: unknown[]; mcp_servers?: unknown[] };
  /** `null` removes the budget. */
  budget?: SessionBudget | null;
  /** Replaces the variables the session was given; never returned. */
  environment_variables?: Record<string, string>;
}
