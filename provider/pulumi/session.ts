import * as pulumi from "@pulumi/pulumi";
import { OWNER_KEY } from "../session/idempotency";
import type { AgentInput, CheckoutInput, DeletionMode, MountOutput, RepositoryOutput } from "../session/inputs";
import { providerShim } from "./shim";

/** One GitHub repository to mount into the Session. */
export interface RepositoryArgs {
  /** `https://github.com/<owner>/<repo>` (no `.git`). Changing it replaces the Session. */
  url: pulumi.Input<string>;
  /** Absolute path in the container; derived from the repository name when left out. Changing it replaces the Session. */
  mountPath?: pulumi.Input<string>;
  /** GitHub token. Always stored as a secret; changing it rotates the token in place. */
  authorizationToken: pulumi.Input<string>;
  /** `{ branch }` or `{ commit }`; the default branch when left out. Changing it replaces the Session. */
  checkout?: pulumi.Input<CheckoutInput>;
}

/** Arguments of {@link Session}. */
export interface SessionArgs {
  /** `"agent_…"` (latest version) or `{ id, version }`. Changing it replaces the Session. */
  agent: pulumi.Input<AgentInput>;
  /** `env_…`. Changing it replaces the Session. */
  environmentId: pulumi.Input<string>;
  /** Updated in place. */
  title?: pulumi.Input<string>;
  /** String keys (1–64 chars) to string values (≤ 512 chars). Updated in place as a merge patch. */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Repositories mounted at create. Adding, removing or moving one replaces the Session; order does not matter. */
  repositories: pulumi.Input<pulumi.Input<RepositoryArgs>[]>;
  /** `vault_…` ids, set only at create. Changing them replaces the Session. */
  vaultIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** `memstore_…` ids, set only at create. Changing them replaces the Session. */
  memoryStoreIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** `"archive"` (default: keeps history) or `"delete"` (permanent) when the Session is destroyed or replaced. */
  deletionMode?: pulumi.Input<DeletionMode>;
  /**
   * An existing `sess_…` to take over instead of creating one (`pulumi import` does not work for
   * dynamic providers). It must already match the agent, environment and repositories; its tokens,
   * title and metadata are then set from these inputs.
   */
  adoptSessionId?: pulumi.Input<string>;
}

/** The Pulumi type token of {@link Session}. */
export const SESSION_TYPE = "pulumi-nodejs:dynamic/qoder:Session";

/**
 * Marks every token secret, even one given as a plain string. Where the list and its entries are
 * plain values only the tokens become secret, so previews still show urls and mount paths; where
 * they arrive as outputs, the whole entry (or list) is marked secret instead.
 */
function secretTokens(repositories: SessionArgs["repositories"]): SessionArgs["repositories"] {
  if (!Array.isArray(repositories)) return pulumi.secret(repositories) as pulumi.Output<RepositoryArgs[]>;
  return repositories.map((repo) =>
    pulumi.Output.isInstance(repo) || repo instanceof Promise
      ? pulumi.secret(repo)
      : { ...repo, authorizationToken: pulumi.secret(repo.authorizationToken) },
  );
}

/** The identity a Session's create is keyed on: `<project>/<stack>/<resource name>`. */
export function sessionOwner(name: string): string {
  return `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
}

/** The properties a {@link Session} registers: the arguments with every token secret, and the outputs to fill. */
export function sessionProperties(args: SessionArgs, owner?: string): Record<string, unknown> {
  return {
    ...args,
    [OWNER_KEY]: owner,
    repositories: secretTokens(args.repositories),
    mounts: undefined,
    sessionId: undefined,
    status: undefined,
    createdAt: undefined,
    archivedAt: undefined,
  };
}

/**
 * A Qoder Cloud Agents Session with GitHub repositories mounted in it.
 *
 * Changing the agent, environment, vaults, memory stores, or a repository's url, mount path or
 * checkout (or adding or removing one) replaces the Session, creating the new one before the old
 * one is archived or deleted. Changing a token rotates it in place; changing the title or metadata
 * updates the Session in place.
 */
export class Session extends pulumi.dynamic.Resource {
  declare readonly agent: pulumi.Output<AgentInput>;
  declare readonly environmentId: pulumi.Output<string>;
  declare readonly title: pulumi.Output<string | undefined>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  /** The declared repositories with their `sesr_…` resource ids. Secret, since it holds the tokens. */
  declare readonly repositories: pulumi.Output<RepositoryOutput[]>;
  /** The repositories as the API mounted them (url, mount path, checkout, resource id); no tokens. */
  declare readonly mounts: pulumi.Output<MountOutput[]>;
  declare readonly vaultIds: pulumi.Output<string[] | undefined>;
  declare readonly memoryStoreIds: pulumi.Output<string[] | undefined>;
  declare readonly deletionMode: pulumi.Output<DeletionMode | undefined>;
  declare readonly adoptSessionId: pulumi.Output<string | undefined>;
  /** `sess_…`, the same as the resource id. */
  declare readonly sessionId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly archivedAt: pulumi.Output<string | null>;

  constructor(name: string, args: SessionArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerShim, name, sessionProperties(args, sessionOwner(name)), opts, "qoder", "Session");
  }
}
