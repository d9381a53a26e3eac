/**
 * pulumi-qoder: Qoder Cloud Agents Sessions with GitHub and generic Git repositories mounted in
 * them, as Pulumi resources.
 * @packageDocumentation
 */
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
export type {
  AgentInput,
  CheckoutInput,
  DeletionMode,
  GitHubRepositoryInput,
  GitRepositoryInput,
  MemoryStoreAccess,
  MemoryStoreInput,
  RepositoryInput,
  RepositoryKind,
  SessionInputs,
} from "./session/model";
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
