/**
 * pulumi-qoder: Qoder Cloud Agents as Pulumi resources: Sessions with repositories mounted in
 * them, and the agents, environments, memory stores and vaults they use.
 * @packageDocumentation
 */
export type { AgentInputs, AgentState, McpServerInput, ModelInput, SkillInput, ToolInput } from "./agent/model";
export { Agent, type AgentArgs } from "./agent/resource";
export type { EnvironmentConfig } from "./environment/config";
export type { EnvironmentInputs } from "./environment/model";
export { Environment, type EnvironmentArgs } from "./environment/resource";
export {
  type ApiErrorDetails,
  QoderApiError,
  QoderConfigError,
  QoderError,
  QoderIncompleteError,
  QoderMismatchError,
  QoderNetworkError,
  QoderProtocolError,
} from "./errors";
export type { MemoryStoreInputs } from "./memory-store/model";
export { MemoryStore, type MemoryStoreArgs } from "./memory-store/resource";
export type { MemoryStoreAccess, MemoryStoreInput } from "./session/memory-store-entries";
export type { AgentInput, DeletionMode, SessionInputs } from "./session/model";
export type {
  CheckoutInput,
  GitHubRepositoryInput,
  GitRepositoryInput,
  RepositoryInput,
  RepositoryKind,
} from "./session/repository-model";
export {
  type GitHubRepositoryArgs,
  type GitRepositoryArgs,
  type RepositoryArgs,
  SESSION_TYPE,
  Session,
  type SessionArgs,
} from "./session/resource";
export type {
  MountOutput,
  RepositoryRecord,
  RepositoryState,
  SessionOutputs,
  SessionState,
  StoredSessionState,
  VisibleRepositoryState,
} from "./session/state";
export type {
  EnvironmentVariableCredentialInput,
  StaticBearerCredentialInput,
  VaultCredentialInput,
  VaultInputs,
} from "./vault/model";
export { Vault, type VaultArgs, type VaultCredentialArgs } from "./vault/resource";
export type {
  StoredEnvironmentVariableCredential,
  StoredStaticBearerCredential,
  StoredVaultState,
  VaultCredentialState,
  VaultState,
} from "./vault/state";
