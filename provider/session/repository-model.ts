/**
 * The repositories a Session mounts, GitHub and generic Git, each property declared once with its
 * rule (docs/api-contract.md#session-resources). Part of the Session's model (model.ts).
 */
import { z } from "zod";
import { LIMITS } from "../api/limits";
import { type PropertyRule, property, strictObject, variantsShape } from "../dynamic/properties";
import { problem } from "../dynamic/schemas";
import { secretFieldsOf } from "../dynamic/secret-split";
import { gitUrlProblem } from "./git-url";
import { githubUrlProblem } from "./github-url";
import { DEFAULT_MOUNT_ROOT, defaultMountPath, enclosingDirectories, mountPathProblem } from "./mount-path";

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
export const repositorySchema = z.discriminatedUnion("type", [githubRepositorySchema, gitRepositorySchema], {
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

/** Where a declared repository is mounted, as `check` compares it with the others. */
interface Mount {
  /** Its `mountPath`, or the API's default for it; its URL when no default can be derived (no path equals a URL). */
  at: string;
  /** True when `at` is the API's default, derived from the URL. */
  defaulted: boolean;
  /** False when `at` is the URL: it neither nests in nor holds another mount. */
  isPath: boolean;
}

function mountOf(entry: RepositoryInput): Mount {
  if (entry.mountPath !== undefined) return { at: entry.mountPath, defaulted: false, isPath: true };
  const path = defaultMountPath(entry.url);
  return path === undefined ? { at: entry.url, defaulted: false, isPath: false } : { at: path, defaulted: true, isPath: true };
}

/** What a message adds when a default mount path takes part: whose it is and where it comes from. */
function defaultsNote(mine: Mount, theirs: Mount, other: number): string {
  if (!mine.defaulted && !theirs.defaulted) return "";
  const who = mine.defaulted && theirs.defaulted ? "both take" : mine.defaulted ? "this repository takes" : `repositories[${other}] takes`;
  return `; ${who} the default mount path: without mountPath, the API mounts a repository at ${DEFAULT_MOUNT_ROOT}/<its name> (give one of them a mountPath)`;
}

/**
 * Each repository at its own mount path, and no mount path inside another, whether declared or
 * the API's default for a repository without one (docs/api-contract.md#session-resources); linear
 * in the total length of the paths. A failure names the later repository: its `mountPath`, or its
 * `url` when it has none.
 */
export function checkMounts(list: RepositoryInput[], ctx: z.RefinementCtx): void {
  const mounts = list.map(mountOf);
  const firstAt = new Map<string, number>();
  mounts.forEach((mine, index) => {
    const first = firstAt.get(mine.at);
    if (first === undefined) {
      firstAt.set(mine.at, index);
      return;
    }
    ctx.addIssue({
      code: "custom",
      path: [index, list[index].mountPath === undefined ? "url" : "mountPath"],
      message:
        `duplicates repositories[${first}]: each repository needs its own mount path, "${mine.at}" is used twice` +
        defaultsNote(mine, mounts[first], first),
    });
  });
  mounts.forEach((mine, index) => {
    for (const outer of mine.isPath ? enclosingDirectories(mine.at) : []) {
      const j = firstAt.get(outer);
      if (j === undefined) continue;
      const around = mounts[j].defaulted ? `the mount path of repositories[${j}], "${outer}"` : `repositories[${j}].mountPath "${outer}"`;
      ctx.addIssue({
        code: "custom",
        path: [index, list[index].mountPath === undefined ? "url" : "mountPath"],
        message: `"${mine.at}" lies inside ${around}; mounts must not nest${defaultsNote(mine, mounts[j], j)}`,
      });
    }
  });
}
