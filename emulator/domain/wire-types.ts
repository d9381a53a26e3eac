/**
 * Shapes of the JSON objects the emulator sends, in the API's snake_case
 * (docs/api-contract.md#sessions, docs/api-contract.md#session-resources).
 */

import type { AgentModel, AgentSkill } from "./agent-wire-types";

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

/**
 * How a session may use a memory store. No Qoder document lists the values of `access`: these
 * two are an assumption, and the emulator's refusal of any other value may be stricter than the API.
 */
export type MemoryStoreAccess = "read_write" | "read_only";

/**
 * A memory store attached at create. Unlike other resources it has no `id` and no `created_at`
 * (nor `updated_at`), so it cannot be got, rotated or deleted by id; `access` and `instructions`
 * appear only when the create request gave them (docs/api-contract.md#session-resources).
 */
export interface MemoryStoreResource {
  type: "memory_store";
  memory_store_id: string;
  access?: MemoryStoreAccess;
  instructions?: string;
}

/** A resource that has a `sesr_` id: everything but a memory store. */
export type IdentifiedResource = RepositoryResource | FileResource;

/** Any session resource as the API returns it. */
export type SessionResource = IdentifiedResource | MemoryStoreResource;

/**
 * Snapshot of the agent version a session is bound to. For an agent the emulator has (created
 * over HTTP or named in its options) it carries that version's model, prompts, tools, MCP servers
 * and skills; for a made-up agent id only `id`, `type`, `version` and `name`.
 */
export interface AgentSnapshot {
  id: string;
  type: "agent";
  version: number;
  name: string;
  model?: AgentModel;
  system?: string;
  description?: string;
  /** Also set, for any agent, by a session update that replaces the tools. */
  tools?: unknown[];
  /** Also set, for any agent, by a session update that replaces the MCP servers. */
  mcp_servers?: unknown[];
  skills?: AgentSkill[];
}

/** Runtime status of a session (docs/api-contract.md#sessions). The emulator runs no turns, so sessions stay `idle`. */
export type SessionStatus = "idle" | "running" | "canceling" | "rescheduling" | "terminated";

/** Status of the current turn. */
export type TurnStatus = "idle" | "running" | "canceling";

/** A hard spend ceiling: the session stops asking the model once its list cost reaches `max_list_cost`. */
export interface SessionBudget {
  type: "limit";
  /** `amount` in minor units as an integer string (`"2500"` is 25.00), `currency` an ISO 4217 code. */
  max_list_cost: { amount: string; currency: string };
}

/**
 * A Session as GET returns it. Memory stores are listed in `resources`; like the SDK's Session it
 * has no `memory_store_ids` member.
 */
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
  /** Present only while set. */
  budget?: SessionBudget;
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
