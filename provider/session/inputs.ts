/**
 * The Session's inputs as the Pulumi program declares them (camelCase), after the engine has
 * resolved every `Input`. These are the shapes `check`, `diff`, `create` and `update` reason about.
 */

/** The branch or commit a repository is checked out at. Exactly one of the two is set. */
export type CheckoutInput = { branch: string; commit?: undefined } | { commit: string; branch?: undefined };

/** One GitHub repository mounted into the Session. */
export interface RepositoryInput {
  /** `https://github.com/<owner>/<repo>`, without `.git`. */
  url: string;
  /** Absolute path in the container. The API derives one from the repository name when left out. */
  mountPath?: string;
  /** GitHub token used to clone and push. Write-only on the API: never read back. */
  authorizationToken: string;
  checkout?: CheckoutInput;
}

/** An agent id (`agent_…`, latest version) or an id pinned to a version. */
export type AgentInput = string | { id: string; version?: number };

/** What happens to the Session when the resource is deleted or replaced. */
export type DeletionMode = "archive" | "delete";

/** Resolved inputs of a `Session` resource. */
export interface SessionInputs {
  agent: AgentInput;
  environmentId: string;
  title?: string;
  metadata?: Record<string, string>;
  repositories: RepositoryInput[];
  vaultIds?: string[];
  memoryStoreIds?: string[];
  deletionMode?: DeletionMode;
  adoptSessionId?: string;
}

/** A repository as the API reports it, stored next to the declared inputs. */
export interface MountOutput {
  url: string;
  mountPath: string;
  checkout: CheckoutInput | null;
  resourceId: string;
}

/** A declared repository plus the id of the Session resource that mounts it. */
export interface RepositoryOutput extends RepositoryInput {
  resourceId: string;
}

/** What the provider stores in state: the inputs plus what the API reported. */
export interface SessionOutputs extends Omit<SessionInputs, "repositories"> {
  repositories: RepositoryOutput[];
  /** The repositories as mounted, in the order of `repositories`; holds no token. */
  mounts: MountOutput[];
  sessionId: string;
  status: string;
  createdAt: string;
  archivedAt: string | null;
}

/** Input property names whose change cannot be applied to a live Session. */
export const REPLACE_PROPERTIES = ["agent", "environmentId", "repositories", "vaultIds", "memoryStoreIds"] as const;
