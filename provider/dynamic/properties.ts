import { z } from "zod";
import { containsUnknown, isUnknownAt } from "./unknown";

/**
 * What a change of a property does to the object that already exists:
 * - `replace`: the API cannot change it on a live object, so a new one is created;
 * - `update`: sent in place;
 * - `rotate`: a write-only secret, re-sent in place;
 * - `record`: a setting of this provider, stored without any API call.
 */
type ChangeRule = "replace" | "update" | "rotate" | "record";

/**
 * What kind of secret a write-only property holds, which decides its plaintext fingerprint
 * (see secret-split.ts):
 * - `machine-issued`: a random token (a GitHub token, say), too long to guess; a fast digest does.
 * - `user-chosen`: a password or other value a person picked, which may be guessable; its
 *   fingerprint is slow and salted, so that state does not make testing guesses cheap.
 */
export type SecretKind = "machine-issued" | "user-chosen";

/** Everything the provider needs to know of one property, beyond its type and validation. */
export interface PropertyRule {
  change: ChangeRule;
  /** What messages call the property, when not its name (e.g. "environment" for `environmentId`). */
  label?: string;
  /** The field's name on the wire; absent for properties that are never sent. */
  wire?: string;
  /** Write-only on the API: never read back, always stored as a Pulumi secret, fingerprinted by its kind. */
  secret?: SecretKind;
  /**
   * What a value left out stands for: absent and this value are the same, and this value is what
   * is sent (e.g. a repository's `type`, `"github"` unless given).
   */
  whenAbsent?: string;
  /**
   * For maps of user keys (metadata): sent with their keys as they are, and, when updated, as a
   * merge patch (a removed key as null).
   */
  mergePatch?: boolean;
  /** Equality that ignores differences the API does not see; JSON equality by default. */
  same?: (a: never, b: never) => boolean;
  /**
   * The value an update sends, every member explicit. For a nested object the API merges member by
   * member (an environment's `config`): a member left out of an update is kept, so a removal must
   * be sent as an explicit clear.
   */
  complete?: (value: never) => unknown;
  /**
   * Nested keys (camelCase) whose values are user data, such as a custom tool's JSON schema: the key
   * is converted to snake_case, its value is sent and read back exactly as written.
   */
  verbatim?: readonly string[];
}

/** The rules of every declared property, keyed by the property's zod schema. */
const propertyRules = z.registry<PropertyRule>();

/** Declares a property: its schema (type and validation) and its rule, in one place. */
export function property<T extends z.ZodType>(schema: T, rule: PropertyRule): T {
  propertyRules.add(schema as z.ZodType, rule);
  return schema;
}

/** The declared properties of an object schema with their rules, in declaration order. */
export function rulesOf(shape: z.ZodRawShape): [string, PropertyRule][] {
  return Object.entries(shape).flatMap(([name, schema]) => {
    const rule = propertyRules.get(schema);
    return rule ? [[name, rule] as [string, PropertyRule]] : [];
  });
}

/** Two rules say the same (the registry hands out a fresh copy of a rule for a refined schema). */
function sameRule(a: PropertyRule | undefined, b: PropertyRule | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key as keyof PropertyRule] === b[key as keyof PropertyRule]);
}

/**
 * The properties of the variants of a union (say, the kinds of repository), each name once, in
 * order of first declaration. A name declared by several variants (with a schema of its own in
 * each) must carry the very same rule in all of them, so that a property still has one rule.
 */
export function variantsShape(...shapes: z.ZodRawShape[]): z.ZodRawShape {
  const merged: Record<string, z.core.$ZodType> = {};
  for (const shape of shapes) {
    for (const [name, schema] of Object.entries(shape)) {
      const earlier = merged[name];
      if (earlier && !sameRule(propertyRules.get(earlier), propertyRules.get(schema))) {
        throw new Error(`property "${name}" is declared with different rules in the variants of one union`);
      }
      merged[name] ??= schema;
    }
  }
  return merged;
}

/** JSON with object keys sorted, so equal values always serialize to equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * True when `next` (which may hold values unknown during preview) is the same as `old` under the
 * property's rule. An unknown value is never the same: for a `replace` property, the preview then
 * shows the replacement it may turn out to be.
 */
export function sameValue(rule: PropertyRule, old: unknown, next: unknown): boolean {
  if (containsUnknown(next)) return false;
  const same = (rule.same ?? ((a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b))) as (a: unknown, b: unknown) => boolean;
  return same(old ?? rule.whenAbsent, next ?? rule.whenAbsent);
}

/** One refused input: the property path (e.g. `repositories[1].url`) and what is expected. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * Validates inputs against `schema` without touching the network. Keys starting with `__` belong
 * to the engine or the resource class (such as `__provider`) and pass through unchecked; a value unknown during preview passes,
 * since `check` runs again with it known before anything is created.
 */
export function checkInputs<T extends z.ZodType>(
  schema: T,
  news: Record<string, unknown>,
): { inputs?: z.output<T>; failures: CheckFailure[] } {
  const engineKeys = Object.fromEntries(Object.entries(news).filter(([key]) => key.startsWith("__")));
  const own = Object.fromEntries(Object.entries(news).filter(([key]) => !key.startsWith("__")));
  const result = schema.safeParse(own);
  if (result.success) return { inputs: { ...engineKeys, ...(result.data as object) } as z.output<T>, failures: [] };
  // Checked at each issue's full path: a union's issue (an agent id or object, say) sits at the
  // union, and the unknown value inside the object is found only at the path of its branch's issue.
  const failures = toFailures(result.error.issues, [], (path) => isUnknownAt(own, path));
  if (failures.length > 0) return { failures };
  // Every issue was about a value not known yet: the inputs go on to the diff as they are.
  return { inputs: news as z.output<T>, failures: [] };
}

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
 * Flattens zod issues into one failure per property. For a union (say, an id or an object), the
 * branch that got furthest says what is wrong; when no branch got past the type, the union's own
 * message does. Issues about a value `unknown` says is not known yet are left out.
 */
function toFailures(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  unknown: (path: readonly PropertyKey[]) => boolean,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (unknown(path)) continue;
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = issue.errors.find((branch) => branch.some((inner) => inner.path.length > 0)) ?? issue.errors[0];
      const onlyTypes =
        issue.errors.length > 1 &&
        issue.errors.every((branch) => branch.every((inner) => inner.code === "invalid_type" && inner.path.length === 0));
      if (!onlyTypes) {
        failures.push(...toFailures(best, path, unknown));
        continue;
      }
    }
    if (issue.code === "invalid_key" && issue.issues.length > 0) {
      failures.push(...toFailures(issue.issues, path, unknown));
      continue;
    }
    failures.push({ property: formatPath(path) || "inputs", reason: issue.message });
  }
  const seen = new Set<string>();
  return failures.filter((failure) => {
    const key = `${failure.property}\u0000${failure.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A strict object whose refusal of unknown fields names them and the fields it expects.
 * `misplaced` names fields that belong to a sibling variant (say, a Git repository's `password` on
 * a GitHub repository): each is refused at its own path with the given reason, and is not part of
 * the object's type.
 */
export function strictObject<T extends z.ZodRawShape>(shape: T, wrongType: string, misplaced: Record<string, string> = {}) {
  const expected = Object.keys(shape).join(", ");
  const refused = Object.fromEntries(
    Object.entries(misplaced).map(([name, reason]) => [name, z.never({ error: reason }).optional()] as const),
  );
  return z.strictObject(
    { ...shape, ...refused },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `has unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(", ")}; expected ${expected}`
          : wrongType,
    },
  ) as unknown as z.ZodObject<T, z.core.$strict>;
}
