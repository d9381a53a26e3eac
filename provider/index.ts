/**
 * pulumi-qoder: Qoder Cloud Agents Sessions with GitHub repositories, as Pulumi resources.
 * @packageDocumentation
 */

export { QoderClient, type QoderClientOptions } from "./api/client";
export { DEFAULT_API_URL } from "./api/endpoint";
export { QoderApiError, QoderNetworkError, QoderProtocolError } from "./api/errors";
export type { RetryOptions } from "./api/retry-policy";
export { SessionIncompleteError } from "./pulumi/partial-failure";
export { SessionProvider } from "./pulumi/provider";
export { type RepositoryArgs, SESSION_TYPE, Session, type SessionArgs } from "./pulumi/session";
export { QoderConfigError, type SessionProviderOptions } from "./pulumi/settings";
export type {
  AgentInput,
  CheckoutInput,
  DeletionMode,
  MountOutput,
  RepositoryInput,
  RepositoryOutput,
  SessionInputs,
  SessionOutputs,
} from "./session/inputs";
export { type CheckFailure, validateInputs } from "./session/validate";
