import { z } from "zod";

/**
 * Zod schemas of the Qoder Cloud Agents wire format (snake_case), parsed leniently: unknown
 * fields are kept out of the parsed value, and fields the API does not promise are optional (docs/api-contract.md).
 */

/** A branch without a name is the repository's default branch; any other shape is kept as unknown. */
const checkoutWire = z.object({ type: z.string(), name: z.string().nullish(), sha: z.string().nullish() });
export type CheckoutWire = z.infer<typeof checkoutWire>;

/**
 * One entry of a Session's `resources`. Entries the provider does not manage may lack fields:
 * a `memory_store` entry has no `id` and no `created_at` (docs/api-contract.md#session-resources).
 */
export const resourceWire = z.object({
  id: z.string().optional(),
  type: z.string(),
  url: z.string().optional(),
  mount_path: z.string().optional(),
  checkout: checkoutWire.nullish(),
  memory_store_id: z.string().optional(),
  /** A memory store's access, when the API echoes it (unconfirmed). */
  access: z.string().nullish(),
  /** A memory store's instructions, when the API echoes them (unconfirmed). */
  instructions: z.string().nullish(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type ResourceWire = z.infer<typeof resourceWire>;

export const sessionWire = z.object({
  id: z.string(),
  type: z.literal("session").optional(),
  agent: z.object({ id: z.string(), version: z.number().optional() }).nullish(),
  agent_id: z.string().optional(),
  environment_id: z.string(),
  status: z.string(),
  title: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  resources: z.array(resourceWire).default([]),
  vault_ids: z.array(z.string()).default([]),
  memory_store_ids: z.array(z.string()).default([]),
  archived_at: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().optional(),
});
export type SessionWire = z.infer<typeof sessionWire>;

/** A page of a list endpoint. */
export function pageWire<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_page: z.string().nullish(),
    has_more: z.boolean().optional(),
  });
}

export const resourcePageWire = pageWire(resourceWire);
export const sessionPageWire = pageWire(sessionWire);

export const deletedWire = z.object({ id: z.string(), type: z.string() });

export const errorEnvelopeWire = z.object({
  type: z.literal("error").optional(),
  request_id: z.string().optional(),
  error: z.object({
    type: z.string(),
    message: z.string(),
    param: z.string().nullish(),
  }),
});

/** A repository's write-only credential: the body of a rotation, and part of a create entry. */
export type RepositoryCredentialWire = { authorization_token: string } | { password: string };

/** A repository entry of `POST /sessions`: GitHub with a token, generic Git with a password. */
type RepositoryParamWire = {
  type: "github_repository" | "git_repository";
  url: string;
  mount_path?: string;
  checkout?: CheckoutWire;
} & RepositoryCredentialWire;

/**
 * A memory store entry of `POST /sessions`. `access` is sent only when declared: its values and
 * default are unconfirmed, so otherwise the API's default applies (docs/api-contract.md#sessions).
 */
interface MemoryStoreParamWire {
  type: "memory_store";
  memory_store_id: string;
  access?: string;
  instructions?: string;
}

/** Body of `POST /sessions`. */
export interface CreateSessionWire {
  agent: string | { type: "agent"; id: string; version?: number };
  environment_id: string;
  title?: string;
  metadata?: Record<string, string>;
  resources: (RepositoryParamWire | MemoryStoreParamWire)[];
  vault_ids?: string[];
}

/** Body of `POST /sessions/{id}`: a patch; metadata keys set to null are removed. */
export interface UpdateSessionWire {
  title?: string | null;
  metadata?: Record<string, string | null>;
}

/**
 * What every top-level object (agent, environment, memory store, vault, vault credential) has.
 * The rest of its members are kept as the API sent them, since resources read them back by their
 * declared wire names (docs/api-contract.md#agents-environments-memory-stores-and-vaults).
 */
export const objectWire = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
  archived_at: z.string().nullish(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type ObjectWire = z.infer<typeof objectWire>;

/** An agent (docs/api-contract.md#agents): a top-level object with the version each update increments. */
export const agentWire = objectWire.extend({ version: z.number().int() });
export type AgentWire = z.infer<typeof agentWire>;
/**
 * A vault credential as the API returns it: its `auth` without the secret, which is never returned
 * (docs/api-contract.md#vaults).
 */
export const vaultCredentialWire = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  auth: z.looseObject({ type: z.string(), mcp_server_url: z.string().nullish(), secret_name: z.string().nullish() }).nullish(),
  archived_at: z.string().nullish(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type VaultCredentialWire = z.infer<typeof vaultCredentialWire>;
