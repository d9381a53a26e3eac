/**
 * pulumi-qoder: Qoder Cloud Agents Sessions with GitHub repositories, as Pulumi resources.
 * @packageDocumentation
 */
export { Session, SESSION_TYPE, type SessionArgs, type RepositoryArgs } from "./pulumi/session";
export { SessionProvider } from "./pulumi/provider";
export { type SessionProviderOptions, QoderConfigError } from "./pulumi/settings";
export { SessionIncompleteError } from "./pulumi/partial-failure";
export { QoderClient, type QoderClientOptions } from "./api/client";
export { DEFAULT_API_URL } from "./api/endpoint";
export { QoderApiError, QoderNetworkError, QoderProtocolError } from "./api/errors";
export type { RetryOptions } from "./api/retry-policy";
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
export { validateInputs, type CheckFailure } from "./session/validate";
