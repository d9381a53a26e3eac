/**
 * The one declaration of a Session's properties: for each, its type, its validation, what a change
 * does to a live Session (see docs/api-contract.md#what-cannot-change-on-a-live-session), whether it
 * is a write-only secret, and its name on the wire. The input types, `check`, `diff`, the adoption
 * check and the create request all derive from here. A repository's properties are declared in
 * repository-model.ts, a memory store entry's in memory-store-entries.ts.
 */
import { z } from "zod";
import { property, strictObject } from "../dynamic/properties";
import { deletionModeProperty, idSchema, metadataProperty } from "../dynamic/schemas";
import { memoryStoreList, sameMemoryStores } from "./memory-store-entries";
import { checkMounts, repositorySchema } from "./repository-model";

function idList(prefix: string, what: string) {
  return z
    .array(idSchema(prefix, what), { error: `must be a list of ${what} ids` })
    .refine((list) => new Set(list).size === list.length, { error: "must not list the same id twice" });
}

/** Two id lists name the same set of ids (order and absence versus empty do not matter). */
function sameIdSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return [...(a ?? [])].sort().join("\u0000") === [...(b ?? [])].sort().join("\u0000");
}

const wholeNumber = "must be a whole number ≥ 1";

const agentSchema = z.union(
  [
    idSchema("agent_", "an agent"),
    strictObject(
      {
        id: idSchema("agent_", "an agent"),
        version: z.number({ error: wholeNumber }).int({ error: wholeNumber }).min(1, { error: wholeNumber }).optional(),
      },
      'must be { id: "agent_…", version?: number }',
    ),
  ],
  { error: 'must be an agent id "agent_…" or { id: "agent_…", version?: number }' },
);

/** An agent id (`agent_…`, bound to its latest version at create) or an id pinned to a version. */
export type AgentInput = z.output<typeof agentSchema>;

/** The agent as an id plus an optional pinned version. */
export function normalizeAgent(agent: AgentInput): { id: string; version?: number } {
  return typeof agent === "string" ? { id: agent } : { id: agent.id, version: agent.version };
}

/** Both declarations bind the same agent and the same pinned version (or none). */
function sameAgent(a: AgentInput, b: AgentInput): boolean {
  const x = normalizeAgent(a);
  const y = normalizeAgent(b);
  return x.id === y.id && (x.version ?? null) === (y.version ?? null);
}

const sessionShape = {
  /** `"agent_…"` (its latest version at create) or `{ id, version }`. Changing it replaces the Session. */
  agent: property(agentSchema, { change: "replace", wire: "agent", same: sameAgent }),
  /** `env_…`, the container environment. Changing it replaces the Session. */
  environmentId: property(idSchema("env_", "an environment"), { change: "replace", wire: "environment_id", label: "environment" }),
  /** Shown in the Qoder console. Updated in place. */
  title: property(z.string({ error: "must be a string" }).optional(), {
    change: "update",
    wire: "title",
    same: (a: string | undefined, b: string | undefined) => (a ?? "") === (b ?? ""),
  }),
  /** String keys (1–64 characters) to string values (at most 512). Updated in place as a merge patch. */
  metadata: metadataProperty(),
  /** Repositories mounted at create. Adding, removing or moving one replaces the Session; their order does not matter. */
  repositories: property(z.array(repositorySchema, { error: "must be a list of repositories" }).superRefine(checkMounts), {
    change: "replace",
    wire: "resources",
  }),
  /** `vault_…` ids, set only at create. Changing them replaces the Session. */
  vaultIds: property(idList("vault_", "a vault").optional(), { change: "replace", wire: "vault_ids", label: "vaults", same: sameIdSet }),
  /**
   * Memory stores mounted at create: `memstore_…` ids, or `{ id, access?, instructions? }`. Each
   * store once; their order does not matter. Changing them (or how one is used) replaces the Session.
   */
  memoryStoreIds: property(memoryStoreList.optional(), {
    change: "replace",
    wire: "resources",
    label: "memory stores",
    same: sameMemoryStores,
  }),
  /** `"archive"` (default: keeps history) or `"delete"` (permanent) when the Session is destroyed or replaced. */
  deletionMode: deletionModeProperty(),
  /**
   * An existing `sess_…` to take over instead of creating one (`pulumi import` does not work for
   * dynamic providers). It must already match the agent, environment and repositories; its tokens,
   * title and metadata are then set from these inputs.
   */
  adoptSessionId: property(idSchema("sess_", "a Session").optional(), { change: "record" }),
};

/** The schema `check` validates a Session's inputs with. */
export const sessionSchema = strictObject(sessionShape, "must be an object of Session inputs");

/** The Session's properties, with their rules. */
export const sessionProperties = sessionShape;

/** What happens to the Session when the resource is deleted or replaced. */
export type DeletionMode = NonNullable<SessionInputs["deletionMode"]>;

/** A Session's inputs once the engine has resolved every `Input`. */
export type SessionInputs = z.output<typeof sessionSchema>;
