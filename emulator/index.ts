/**
 * A local Qoder Cloud Agents API server (sessions and their resources, shaped as
 * docs/api-contract.md#sessions and #session-resources describe them, and the agents,
 * environments, memory stores and vaults sessions name) for tests, demos and benchmarks: real
 * HTTP on a loopback port, with switchable latency and faults.
 *
 * @packageDocumentation
 */

export type {
  AgentUpdateInput,
  EnvironmentConfigInput,
  EnvironmentUpdateInput,
  MemoryStoreUpdateInput,
  VaultCredentialUpdateInput,
} from "./control-inputs";
export type {
  Agent,
  AgentModel,
  AgentModelOptions,
  AgentSkill,
  AgentTool,
  AgentToolset,
  BuiltInTool,
  CustomTool,
  McpServer,
  McpToolset,
  ModelEffort,
  Multiagent,
  MultiagentMember,
  PermissionPolicy,
  ToolConfig,
  ToolDefaultConfig,
} from "./domain/agent-wire-types";
export type { CredentialSecrets, SecretField } from "./domain/credential-secrets";
export type {
  Environment,
  EnvironmentConfig,
  EnvironmentDeleted,
  EnvironmentNetworking,
  EnvironmentPackages,
  EnvironmentScope,
  LimitedNetworking,
  PackageManager,
} from "./domain/environment-wire-types";
export type { KnownAgent } from "./domain/known-agents";
export type { MemoryStore, MemoryStoreDeleted } from "./domain/memory-store-wire-types";
export type { EmulatedAgent, EmulatedVault, EmulatedVaultCredential } from "./domain/object-views";
export type {
  CredentialNetworking,
  EnvironmentVariableAuth,
  InjectionLocation,
  McpOAuthAuth,
  McpOAuthRefresh,
  StaticBearerAuth,
  TokenEndpointAuthType,
  Vault,
  VaultCredential,
  VaultCredentialAuth,
  VaultCredentialDeleted,
  VaultDeleted,
} from "./domain/vault-wire-types";
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
  SessionBudget,
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
export type { ObjectControls } from "./object-controls";
export type { EmulatorOptions, RunningEmulator, SeedResourceInput, SeedSessionInput, SessionUpdateInput } from "./options";
export { startEmulator } from "./start-emulator";
