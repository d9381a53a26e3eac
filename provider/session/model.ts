/**
 * The one declaration of a Session's properties: for each, its type, its validation, what a change
 * does to a live Session (see docs/api-contract.md#what-cannot-change-on-a-live-session), whether it
 * is a write-only secret, and its name on the wire. The input types, `check`, `diff`, the adoption
 * check and the create request all derive from here.
 */
import { z } from "zod";
import { LIMITS } from "../api/limits";
import { canonicalJson, type PropertyRule, property, strictObject, variantsShape } from "../dynamic/properties";
import { deletionModeProperty, idSchema, metadataProperty, problem } from "../dynamic/schemas";
import { secretFieldsOf } from "../dynamic/secret-split";
import { gitUrlProblem } from "./git-url";
import { githubUrlProblem } from "./github-url";
import { enclosingDirectories, mountPathProblem } from "./mount-path";

function idList(prefix: string, what: string) {
  return z
    .array(idSchema(prefix, what), { error: `must be a list of ${what} ids` })
    .refine((list) => new Set(list).size === list.length, { error: "must not list the same id twice" });
}

/**
 * How a Session may use a memory store. Unconfirmed: Qoder's documentation names `access` but
 * neither its values nor its default; these two are the official SDK's
 * (docs/api-contract.md#sessions). Left out, nothing is sent and the API's default applies.
 */
const MEMORY_STORE_ACCESS = ["read_write", "read_only"] as const;

/** `"read_write"` or `"read_only"` (values unconfirmed by the API's documentation). */
export type MemoryStoreAccess = (typeof MEMORY_STORE_ACCESS)[number];

const memoryStoreId = idSchema("memstore_", "a memory store");

const memoryStoreSchema = z.union(
  [
    memoryStoreId,
    strictObject(
      {
        id: memoryStoreId,
        access: z
          .enum(MEMORY_STORE_ACCESS, {
            error: 'must be "read_write" or "read_only" (or left out for the API\'s default)',
          })
          .optional(),
        instructions: z.string({ error: "must be a string" }).optional(),
      },
      'must be { id: "memstore_…", access?: "read_write" | "read_only", instructions?: string }',
    ),
  ],
  { error: 'must be a memory store id "memstore_…" or { id: "memstore_…", access?, instructions? }' },
);

/**
 * A memory store mounted at create: its id (`memstore_…`), or the id with how the Session may
 * use it (`access`, unconfirmed values) and `instructions` for the agent about it.
 */
export type MemoryStoreInput = z.output<typeof memoryStoreSchema>;

/** A declared memory store in one form, whichever form it was declared in: its id, and what was set. */
export function normalizeMemoryStore(entry: MemoryStoreInput): { id: string; access?: MemoryStoreAccess; instructions?: string } {
  if (typeof entry === "string") return { id: entry };
  return {
    id: entry.id,
    ...(entry.access !== undefined && { access: entry.access }),
    ...(entry.instructions !== undefined && { instructions: entry.instructions }),
  };
}

/** Each store once, whether named by its id or by an object. */
const memoryStoreList = z
  .array(memoryStoreSchema, { error: "must be a list of memory store ids or { id, access?, instructions? }" })
  .superRefine((list, ctx) => {
    const first = new Map<string, number>();
    list.forEach((entry, index) => {
      const { id } = normalizeMemoryStore(entry);
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, index);
      else {
        ctx.addIssue({
          code: "custom",
          path: typeof entry === "string" ? [index] : [index, "id"],
          message: `attaches ${id} again, as memoryStoreIds[${earlier}] does; a store is attached once`,
        });
      }
    });
  });

/** Two declarations attach the same stores the same way (order, and id versus `{ id }`, do not matter). */
function sameMemoryStores(a: readonly MemoryStoreInput[] | undefined, b: readonly MemoryStoreInput[] | undefined): boolean {
  const canonical = (list: readonly MemoryStoreInput[] | undefined) =>
    (list ?? [])
      .map((entry) => canonicalJson(normalizeMemoryStore(entry)))
      .sort()
      .join("\u0000");
  return canonical(a) === canonical(b);
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

const branchSchema = z
  .string({ error: "must be a branch name string" })
  .min(1, { error: "must not be empty" })
  .max(LIMITS.branchMaxLength, { error: `must be at most ${LIMITS.branchMaxLength} characters` })
  .refine((value) => !/[\s~^:?*[\\]|\.\.|^-|^\/|\/$|\.lock$|@\{/.test(value), {
    error: (issue) => `"${String(issue.input)}" is not a valid git branch name`,
  });

const commitSchema = z
  .string({ error: "must be a commit SHA string" })
  .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, { error: "must be a full lowercase 40-character commit SHA" });

const checkoutSchema = strictObject(
  { branch: branchSchema.optional(), commit: commitSchema.optional() },
  'must be { branch: "<name>" } or { commit: "<sha>" }',
).refine((value) => (value.branch === undefined) !== (value.commit === undefined), {
  error: 'must set exactly one of branch or commit, e.g. { branch: "main" }',
});

/** The branch or commit a repository is checked out at: exactly one of the two is set. */
export type CheckoutInput = z.output<typeof checkoutSchema>;

/** Two declared checkouts name the same branch or commit (absent equals absent). */
function sameCheckout(a: CheckoutInput | null | undefined, b: CheckoutInput | null | undefined): boolean {
  return (a?.branch ?? null) === (b?.branch ?? null) && (a?.commit ?? null) === (b?.commit ?? null);
}

/** The kinds of repository a Session mounts, with the `type` each has on the wire. */
export const REPOSITORY_WIRE_TYPES = { github: "github_repository", git: "git_repository" } as const;

/** `"github"` (what a repository without `type` is) or `"git"` (any Git host over HTTPS). */
export type RepositoryKind = keyof typeof REPOSITORY_WIRE_TYPES;

// Rules that two kinds of repository share: each is declared once, and each kind's schema of
// that property carries it.
const kindRule: PropertyRule = { change: "replace", wire: "type", whenAbsent: "github" };
const urlRule: PropertyRule = { change: "replace", wire: "url" };

const mountPathProperty = property(z.string({ error: "must be a string path" }).superRefine(problem(mountPathProblem)).optional(), {
  change: "replace",
  wire: "mount_path",
});

const checkoutProperty = property(checkoutSchema.optional(), { change: "replace", wire: "checkout", same: sameCheckout });

/** Why a Git password is refused, or undefined; never repeats any part of it. */
function passwordProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty: set the Git password or access token (for example from secret config)";
  if (value.length > LIMITS.passwordMaxLength) return `must be at most ${LIMITS.passwordMaxLength} characters`;
  if (value.trim() !== value) {
    return (
      "must not start or end with whitespace or a line break: the API keeps it as sent, as part of the password " +
      "(a trailing newline from a file or pipe is the usual cause)"
    );
  }
  if (/[\r\n]/.test(value)) return "must not contain a line break";
  return undefined;
}

const githubRepositoryShape = {
  /** `"github"`, or left out: a repository on github.com. Changing the kind replaces the Session. */
  type: property(z.literal("github").optional(), kindRule),
  /** `https://github.com/<owner>/<repo>`, without `.git`. Changing it replaces the Session. */
  url: property(z.string({ error: "must be a string URL" }).superRefine(problem(githubUrlProblem)), urlRule),
  /**
   * Absolute path in the container; the API derives one from the repository name when it is left
   * out. Changing it replaces the Session.
   */
  mountPath: mountPathProperty,
  /** GitHub token used to clone and push. Always stored as a secret; changing it rotates it in place. */
  authorizationToken: property(
    z
      .string({ error: "must be a string GitHub token" })
      .min(1, { error: "must not be empty: set a GitHub token (for example from secret config)" })
      .max(LIMITS.tokenMaxLength, { error: `must be at most ${LIMITS.tokenMaxLength} characters` })
      .refine((value) => !/\s/.test(value), {
        error: "must not contain whitespace (a trailing newline from a file or pipe is a common cause)",
      }),
    { change: "rotate", wire: "authorization_token", secret: "machine-issued" },
  ),
  /** `{ branch }` or `{ commit }`; the repository's default branch when left out. Changing it replaces the Session. */
  checkout: checkoutProperty,
};

const gitRepositoryShape = {
  /** `"git"`: a Git repository on any host, cloned over HTTPS. Changing the kind replaces the Session. */
  type: property(z.literal("git"), kindRule),
  /**
   * `https://<user>@<host>/<path>`: HTTPS, with the username in the URL and no password in it.
   * Changing it replaces the Session.
   */
  url: property(z.string({ error: "must be a string URL" }).superRefine(problem(gitUrlProblem)), urlRule),
  /**
   * Absolute path in the container; the API derives one from the repository name when it is left
   * out. Changing it replaces the Session.
   */
  mountPath: mountPathProperty,
  /**
   * The password or access token of the user named in `url`. Always stored as a secret, with a
   * slow, salted fingerprint (it may be guessable); changing it rotates it in place. The API keeps
   * whitespace as sent, so none may lead or trail it.
   */
  password: property(
    z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? "must be set for a Git repository: its password or access token (for example from secret config)"
            : "must be a string: the Git password or access token",
      })
      .superRefine(problem(passwordProblem)),
    { change: "rotate", wire: "password", secret: "user-chosen" },
  ),
  /**
   * `{ branch }` or `{ commit }`; the repository's default branch when left out (unconfirmed by the
   * API's documentation for Git repositories). Changing it replaces the Session.
   */
  checkout: checkoutProperty,
};

const githubRepositorySchema = strictObject(githubRepositoryShape, "must be an object { url, mountPath?, authorizationToken, checkout? }", {
  password: 'is for Git repositories: set type: "git" on this entry, or give a GitHub repository its authorizationToken instead',
});

const gitRepositorySchema = strictObject(gitRepositoryShape, 'must be an object { type: "git", url, mountPath?, password, checkout? }', {
  authorizationToken: 'is for GitHub repositories; a Git repository (type: "git") takes password',
});

/** What a repository's `type` may be, as messages spell it. */
const KINDS = '"github" (the default when type is left out) or "git"';

function describeKind(input: unknown): string {
  const type = input && typeof input === "object" ? (input as { type?: unknown }).type : undefined;
  return typeof type === "string" && type.length <= 40 ? `, not ${JSON.stringify(type)}` : "";
}

// A union on `type`, which GitHub entries may leave out: zod picks the variant by `type` alone,
// so every message comes from the one variant the entry declares, never from a mix of both.
const repositorySchema = z.discriminatedUnion("type", [githubRepositorySchema, gitRepositorySchema], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? `must be ${KINDS}${describeKind(issue.input)}`
      : 'must be an object: { url, mountPath?, authorizationToken, checkout? } for GitHub, or { type: "git", url, mountPath?, password, checkout? }',
});

/** A repository on github.com mounted into the Session (`type` left out, or `"github"`). */
export type GitHubRepositoryInput = z.output<typeof githubRepositorySchema>;

/** A Git repository on any host, over HTTPS, mounted into the Session (`type: "git"`). */
export type GitRepositoryInput = z.output<typeof gitRepositorySchema>;

/** One repository mounted into the Session: a GitHub repository or a generic Git repository. */
export type RepositoryInput = z.output<typeof repositorySchema>;

/** The per-repository properties of every kind, with their rules. */
export const repositoryProperties = variantsShape(githubRepositoryShape, gitRepositoryShape);

/**
 * The repository fields that are secret, with their kinds (which decide their fingerprints). They
 * travel in a top-level property of their own, `repositorySecrets`, so that urls, mount paths and
 * checkouts stay plaintext in previews and state.
 */
export const REPOSITORY_SECRET_FIELDS = secretFieldsOf(repositoryProperties);

/** The `type` of a declared repository's resource on the wire. */
export function repositoryWireType(repository: Pick<RepositoryInput, "type">): string {
  return REPOSITORY_WIRE_TYPES[repository.type ?? "github"];
}

/** The kind of repository a resource's wire `type` mounts, or undefined for any other resource. */
export function repositoryKindOf(wireType: string): RepositoryKind | undefined {
  return (Object.keys(REPOSITORY_WIRE_TYPES) as RepositoryKind[]).find((kind) => REPOSITORY_WIRE_TYPES[kind] === wireType);
}

/**
 * The identity of a declared repository: its mount path, or its URL when no mount path is given.
 * Repositories are matched across old and new inputs by this key, never by list position, so
 * reordering the list changes nothing.
 */
export function repositoryKey(repository: Pick<RepositoryInput, "url" | "mountPath">): string {
  return repository.mountPath ?? repository.url;
}

/** Each key used once, and no mount path inside another (linear in the total length of the paths). */
function checkMounts(list: RepositoryInput[], ctx: z.RefinementCtx): void {
  const firstByKey = new Map<string, number>();
  const firstByMountPath = new Map<string, number>();
  list.forEach((entry, index) => {
    const key = repositoryKey(entry);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, index);
    else {
      ctx.addIssue({
        code: "custom",
        path: [index, entry.mountPath === undefined ? "url" : "mountPath"],
        message: `duplicates repositories[${first}]: each repository needs its own mount path, "${key}" is used twice`,
      });
    }
    if (entry.mountPath && !firstByMountPath.has(entry.mountPath)) firstByMountPath.set(entry.mountPath, index);
  });
  list.forEach((entry, index) => {
    for (const outer of entry.mountPath ? enclosingDirectories(entry.mountPath) : []) {
      const j = firstByMountPath.get(outer);
      if (j === undefined) continue;
      ctx.addIssue({
        code: "custom",
        path: [index, "mountPath"],
        message: `"${entry.mountPath}" lies inside repositories[${j}].mountPath "${outer}"; mounts must not nest`,
      });
    }
  });
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
