/**
 * Shapes of the JSON objects the emulator sends, in the API's snake_case
 * (docs/api-contract.md#sessions, docs/api-contract.md#session-resources).
 */

/**
 * What a repository resource checks out. A branch without a `name` is the repository's default
 * branch: what a repository created without `checkout` reports (docs/api-contract.md#session-resources).
 */
export type Checkout = { type: "branch"; name?: string } | { type: "commit"; sha: string };

/** Resource types that carry a write-only credential and can only be attached at create. */
export type RepositoryType = "github_repository" | "git_repository";

/** A mounted repository as GET returns it; the credential is never included. */
export interface RepositoryResource {
  id: string;
  type: RepositoryType;
  url: string;
  mount_path: string;
  checkout: Checkout;
  created_at: string;
  updated_at: string;
}

/** A mounted uploaded file. */
export interface FileResource {
  id: string;
  type: "file";
  file_id: string;
  mount_path: string;
  created_at: string;
  updated_at: string;
}

/** Any session resource as the API returns it. */
export type SessionResource = RepositoryResource | FileResource;

/** Snapshot of the agent version a session is bound to. */
export interface AgentSnapshot {
  id: string;
  type: "agent";
  version: number;
  name: string;
  /** Present only after an update replaced the agent's tools. */
  tools?: unknown[];
  /** Present only after an update replaced the agent's MCP servers. */
  mcp_servers?: unknown[];
}

/** Runtime status of a session (docs/api-contract.md#sessions). The emulator runs no turns, so sessions stay `idle`. */
export type SessionStatus = "idle" | "running" | "canceling" | "rescheduling" | "terminated";

/** Status of the current turn. */
export type TurnStatus = "idle" | "running" | "canceling";

/** A Session as GET returns it. */
export interface Session {
  id: string;
  type: "session";
  agent: AgentSnapshot;
  agent_id: string;
  environment_id: string;
  status: SessionStatus;
  turn_status: TurnStatus;
  title: string;
  metadata: Record<string, string>;
  resources: SessionResource[];
  vault_ids: string[];
  memory_store_ids: string[];
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Envelope of every list endpoint (docs/api-contract.md#pagination). */
export interface Page<T> {
  data: T[];
  next_page: string | null;
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** Body of a successful `DELETE /sessions/{id}`. */
export interface SessionDeleted {
  id: string;
  type: "session_deleted";
}

/** Body of a successful `DELETE /sessions/{id}/resources/{rid}`. */
export interface SessionResourceDeleted {
  id: string;
  type: "session_resource_deleted";
}

/** Body of `POST /sessions/{id}/cancel`. */
export interface CancelAcknowledgement {
  id: string;
  type: "session";
  status: SessionStatus;
}
