/**
 * A local Qoder Cloud Agents API server (sessions and their resources, shaped as
 * docs/api-contract.md#sessions and #session-resources describe them) for tests,
 * demos and benchmarks: real HTTP on a loopback port, with switchable latency and faults.
 *
 * @packageDocumentation
 */

export type { KnownAgent } from "./domain/agent-catalog";
export type { EmulatedAgent, EmulatedVault, EmulatedVaultCredential } from "./domain/object-views";
export type {
  Agent,
  AgentModel,
  AgentTool,
  Environment,
  EnvironmentConfig,
  EnvironmentDeleted,
  EnvironmentNetworking,
  EnvironmentPackages,
  MemoryStore,
  MemoryStoreDeleted,
  Vault,
  VaultCredential,
  VaultCredentialAuth,
  VaultCredentialDeleted,
  VaultDeleted,
} from "./domain/object-wire-types";
export type { EmulatedResource, EmulatedSession } from "./domain/views";
export type {
  AgentSnapshot,
  CancelAcknowledgement,
  Checkout,
  FileResource,
  IdentifiedResource,
  MemoryStoreAccess,
  MemoryStoreResource,
  Page,
  RepositoryResource,
  RepositoryType,
  Session,
  SessionDeleted,
  SessionResource,
  SessionResourceDeleted,
  SessionStatus,
  TurnStatus,
} from "./domain/wire-types";
export { FAULT_KINDS, type FaultKind, type FaultRule } from "./faults/fault-rule";
export { IDEMPOTENCY_TTL_MS } from "./http/idempotency-store";
export type { RecordedRequest } from "./http/request-log";
export { BASE_PATH } from "./http/routes";
export type { AgentUpdateInput, EnvironmentUpdateInput, MemoryStoreUpdateInput, ObjectControls } from "./object-controls";
export type { EmulatorOptions, RunningEmulator, SeedResourceInput, SeedSessionInput, SessionUpdateInput } from "./options";
export { startEmulator } from "./start-emulator";
