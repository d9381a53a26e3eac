import { z } from "zod";
import { githubUrlProblem } from "./github-url";
import type { SessionInputs } from "./inputs";
import { LIMITS } from "./limits";
import { enclosingDirectories, mountPathProblem } from "./mount-path";
import { repositoryKey } from "./repository-key";
import { UNKNOWN } from "./unknown";

/** One refused input: the property path (e.g. `repositories[1].url`) and what is expected. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** Accepts the preview placeholder for a value that is not known yet, or a value `schema` accepts. */
function orUnknown<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(UNKNOWN), schema]);
}

function id(prefix: string, what: string) {
  const pattern = new RegExp(`^${prefix}[A-Za-z0-9_-]+$`);
  return orUnknown(
    z
      .string({ error: `must be ${what} id (a string starting with "${prefix}")` })
      .max(LIMITS.idMaxLength, { error: `must be at most ${LIMITS.idMaxLength} characters` })
      .regex(pattern, { error: (issue) => `must be ${what} id like "${prefix}019e…", got "${String(issue.input)}"` }),
  );
}

/** An object that refuses fields it does not know, naming them and the ones it expects. */
function strictObject<T extends z.ZodRawShape>(shape: T, wrongType: string, expected: string) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(", ")}; expected ${expected}`
        : wrongType,
  });
}

function problem(check: (value: string) => string | undefined) {
  return (value: string, ctx: z.RefinementCtx) => {
    const reason = check(value);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  };
}

const token = orUnknown(
  z
    .string({ error: "must be a string GitHub token" })
    .min(1, { error: "must not be empty: set a GitHub token (for example from secret config)" })
    .max(LIMITS.tokenMaxLength, { error: `must be at most ${LIMITS.tokenMaxLength} characters` })
    .refine((value) => !/\s/.test(value), {
      error: "must not contain whitespace (a trailing newline from a file or pipe is a common cause)",
    }),
);

const branch = z
  .string({ error: "must be a branch name string" })
  .min(1, { error: "must not be empty" })
  .max(LIMITS.branchMaxLength, { error: `must be at most ${LIMITS.branchMaxLength} characters` })
  .refine((value) => !/[\s~^:?*[\\]|\.\.|^-|^\/|\/$|\.lock$|@\{/.test(value), {
    error: (issue) => `"${String(issue.input)}" is not a valid git branch name`,
  });

const commit = z
  .string({ error: "must be a commit SHA string" })
  .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, { error: "must be a full lowercase 40-character commit SHA" });

const checkout = orUnknown(
  strictObject(
    { branch: orUnknown(branch).optional(), commit: orUnknown(commit).optional() },
    'must be { branch: "<name>" } or { commit: "<sha>" }',
    "branch or commit",
  ).refine((value) => (value.branch === undefined) !== (value.commit === undefined), {
    error: 'must set exactly one of branch or commit, e.g. { branch: "main" }',
  }),
);

const repository = orUnknown(
  strictObject(
    {
      url: orUnknown(z.string({ error: "must be a string URL" }).superRefine(problem(githubUrlProblem))),
      mountPath: orUnknown(z.string({ error: "must be a string path" }).superRefine(problem(mountPathProblem))).optional(),
      authorizationToken: token,
      checkout: checkout.optional(),
    },
    "must be an object { url, mountPath?, authorizationToken, checkout? }",
    "url, mountPath, authorizationToken, checkout",
  ),
);

const repositories = orUnknown(
  z.array(repository, { error: "must be a list of repositories" }).superRefine((list, ctx) => {
    const known = list
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => typeof entry === "object" && entry.url !== UNKNOWN && entry.mountPath !== UNKNOWN);
    const seen = new Map<string, number>();
    for (const { entry, index } of known) {
      if (typeof entry !== "object") continue;
      const key = repositoryKey(entry);
      const first = seen.get(key);
      if (first !== undefined) {
        const field = entry.mountPath === undefined ? "url" : "mountPath";
        ctx.addIssue({
          code: "custom",
          path: [index, field],
          message: `duplicates repositories[${first}]: each repository needs its own mount path, "${key}" is used twice`,
        });
      } else {
        seen.set(key, index);
      }
    }
    // Each mount path against the paths of its parent directories: linear in the total length of
    // the paths, where comparing every pair would grow with the square of the repository count.
    const firstByMountPath = new Map<string, number>();
    for (const { entry, index } of known) {
      if (typeof entry === "object" && entry.mountPath && !firstByMountPath.has(entry.mountPath))
        firstByMountPath.set(entry.mountPath, index);
    }
    for (const { entry, index } of known) {
      if (typeof entry !== "object" || !entry.mountPath) continue;
      for (const outer of enclosingDirectories(entry.mountPath)) {
        const j = firstByMountPath.get(outer);
        if (j === undefined) continue;
        ctx.addIssue({
          code: "custom",
          path: [index, "mountPath"],
          message: `"${entry.mountPath}" lies inside repositories[${j}].mountPath "${outer}"; mounts must not nest`,
        });
      }
    }
  }),
);

const idList = (prefix: string, what: string) =>
  orUnknown(
    z
      .array(id(prefix, what), { error: `must be a list of ${what} ids` })
      .refine((list) => new Set(list).size === list.length, { error: "must not list the same id twice" }),
  );

const metadata = orUnknown(
  z
    .record(
      z
        .string()
        .min(1, { error: "metadata keys must not be empty" })
        .max(LIMITS.metadataKeyMaxLength, { error: `metadata keys must be at most ${LIMITS.metadataKeyMaxLength} characters` }),
      orUnknown(
        z
          .string({ error: "metadata values must be strings" })
          .max(LIMITS.metadataValueMaxLength, { error: `metadata values must be at most ${LIMITS.metadataValueMaxLength} characters` }),
      ),
      { error: (issue) => (issue.code === "invalid_type" ? "must be a map of string keys to string values" : undefined) },
    )
    .refine((map) => Object.keys(map).length <= LIMITS.metadataMaxPairs, {
      error: `must have at most ${LIMITS.metadataMaxPairs} entries`,
    }),
);

const agent = orUnknown(
  z.union(
    [
      id("agent_", "an agent"),
      strictObject(
        {
          id: id("agent_", "an agent"),
          version: orUnknown(
            z
              .number({ error: "must be a whole number ≥ 1" })
              .int({ error: "must be a whole number ≥ 1" })
              .min(1, { error: "must be a whole number ≥ 1" }),
          ).optional(),
        },
        'must be { id: "agent_…", version?: number }',
        "id and version",
      ),
    ],
    { error: 'must be an agent id "agent_…" or { id: "agent_…", version?: number }' },
  ),
);

const sessionInputs = strictObject(
  {
    agent,
    environmentId: id("env_", "an environment"),
    title: orUnknown(z.string({ error: "must be a string" })).optional(),
    metadata: metadata.optional(),
    repositories,
    vaultIds: idList("vault_", "a vault").optional(),
    memoryStoreIds: idList("memstore_", "a memory store").optional(),
    deletionMode: orUnknown(z.enum(["archive", "delete"], { error: 'must be "archive" or "delete"' })).optional(),
    adoptSessionId: id("sess_", "a Session").optional(),
  },
  "must be an object of Session inputs",
  "agent, environmentId, title, metadata, repositories, vaultIds, memoryStoreIds, deletionMode, adoptSessionId",
);

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    const name = String(part);
    if (typeof part === "number") out += `[${part}]`;
    else if (!/^[A-Za-z_$][\w$]*$/.test(name)) out += `[${JSON.stringify(name)}]`;
    else out += out ? `.${name}` : name;
  }
  return out;
}

/**
 * Flattens zod issues into one failure per property. For a value that may also be the preview
 * placeholder, zod reports a union; the branch that is not the placeholder says what is wrong.
 */
function toFailures(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branches = issue.errors.filter((branch) => !isPlaceholderBranch(branch));
      const best = branches.find((branch) => branch.some((inner) => inner.path.length > 0)) ?? branches[0];
      if (best && !(branches.length > 1 && branches.every((b) => b.every((inner) => inner.code === "invalid_type")))) {
        failures.push(...toFailures(best, path));
        continue;
      }
    }
    if (issue.code === "invalid_key" && issue.issues.length > 0) {
      failures.push(...toFailures(issue.issues, path));
      continue;
    }
    const property = formatPath(path) || "inputs";
    failures.push({ property, reason: issue.message });
  }
  return dedupe(failures);
}

function isPlaceholderBranch(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.length === 1 && branch[0].code === "invalid_value" && branch[0].values?.includes(UNKNOWN) === true;
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((failure) => {
    const key = `${failure.property}\u0000${failure.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Validates resolved inputs without touching the network. Keys starting with `__` belong to the
 * engine (such as `__provider`) and are ignored. Values not known yet during preview pass.
 */
export function validateInputs(news: Record<string, unknown>): { inputs?: SessionInputs; failures: CheckFailure[] } {
  const own = Object.fromEntries(Object.entries(news).filter(([key]) => !key.startsWith("__")));
  const result = sessionInputs.safeParse(own);
  if (result.success) return { inputs: own as unknown as SessionInputs, failures: [] };
  return { failures: toFailures(result.error.issues) };
}
