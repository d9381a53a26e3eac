/**
 * pulumi-qoder: Qoder Cloud Agents Sessions with GitHub repositories mounted in them, as Pulumi
 * resources.
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
export type { AgentInput, CheckoutInput, DeletionMode, RepositoryInput, SessionInputs } from "./session/model";
export { type RepositoryArgs, SESSION_TYPE, Session, type SessionArgs } from "./session/resource";
export type { MountOutput, RepositoryState, SessionOutputs, SessionState, StoredSessionState } from "./session/state";
