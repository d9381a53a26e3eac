import * as pulumi from "@pulumi/pulumi";
import { Agent } from "../agent/resource";
import { OWNER_KEY } from "../dynamic/idempotency";
import { type ArgsOf, type OutputsOf, splitSecretArgs } from "../dynamic/resource-args";
import { outputSlots, ownerOf } from "../dynamic/resource-class";
import { secretsProperty } from "../dynamic/secret-split";
import { providerShim } from "../dynamic/shim";
import type { SessionInputs } from "./model";
import { type GitHubRepositoryInput, type GitRepositoryInput, REPOSITORY_SECRET_FIELDS } from "./repository-model";
import { OUTPUT_NAMES, type StoredSessionState } from "./state";

/** A GitHub repository to mount into a {@link Session}: `type` left out (or `"github"`), with its `authorizationToken`. */
export interface GitHubRepositoryArgs extends ArgsOf<GitHubRepositoryInput> {}

/** A generic Git repository to mount into a {@link Session}: `type: "git"`, the username in `url`, its `password`. */
export interface GitRepositoryArgs extends ArgsOf<GitRepositoryInput> {}

/** One repository to mount into a {@link Session}: a GitHub repository or a generic Git repository. */
export type RepositoryArgs = GitHubRepositoryArgs | GitRepositoryArgs;

/** Arguments of {@link Session}; each property's rules are declared in one place, `model.ts`. */
export interface SessionArgs extends Omit<ArgsOf<SessionInputs>, "agent"> {
  /**
   * The agent the Session runs; changing it replaces the Session.
   * - `"agent_…"`, or an {@link Agent}'s `id`: its latest version when the Session is created;
   *   later agent updates leave the Session alone.
   * - `{ id: "agent_…", version: 3 }`: that version.
   * - An {@link Agent} resource: pinned to the agent's current version, so every update of the
   *   agent replaces the Session.
   */
  agent: ArgsOf<SessionInputs>["agent"] | Agent;
}

/** The agent as the model declares it: an {@link Agent} resource becomes its id pinned to its current version. */
function agentInput(agent: SessionArgs["agent"]): ArgsOf<SessionInputs>["agent"] {
  return agent instanceof Agent ? { id: agent.id, version: agent.version } : agent;
}

/** The Pulumi type token of {@link Session}. */
export const SESSION_TYPE = "pulumi-nodejs:dynamic/qoder:Session";

/** The outputs a Session exposes: its inputs as stored, each repository's resource id, and what the API reports. */
export interface Session extends OutputsOf<StoredSessionState> {}

/**
 * A Qoder Cloud Agents Session with GitHub and generic Git repositories mounted in it.
 *
 * Changing the agent, environment, vaults, memory stores, or a repository's kind, url, mount path
 * or checkout (or adding or removing one) replaces the Session, creating the new one before the old
 * one is archived or deleted. Changing a token or password rotates it in place; changing the title
 * or metadata updates the Session in place.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Session extends pulumi.dynamic.Resource {
  constructor(name: string, args: SessionArgs, opts?: pulumi.CustomResourceOptions) {
    const repositories = splitSecretArgs(args.repositories, REPOSITORY_SECRET_FIELDS);
    const properties = {
      ...args,
      agent: agentInput(args.agent),
      [OWNER_KEY]: ownerOf(name),
      repositories: repositories.visible,
      [secretsProperty("repositories")]: repositories.secrets,
      ...outputSlots(OUTPUT_NAMES),
    };
    // The credentials' own property is secret whatever the engine learns of it (a refresh, say).
    const secretOutputs = [...(opts?.additionalSecretOutputs ?? []), secretsProperty("repositories")];
    super(providerShim("Session"), name, properties, { ...opts, additionalSecretOutputs: secretOutputs }, "qoder", "Session");
  }
}
