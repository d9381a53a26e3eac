/**
 * A tiny language for request-body types, written as plain data, and a checker that says where a
 * JSON value does not fit one. The SDK's params types are transcribed in it in `sdk-params.ts`.
 *
 * - `{ type: "string", enum? }`, `{ type: "number", integer? }`, `{ type: "boolean" }`: scalars.
 * - `{ type: "array", items }`: a list whose every item fits `items`.
 * - `{ type: "object", source, fields, extra? }`: an object with named fields; a key that is not a
 *   field is refused, unless `extra` gives a spec for such keys (an open object).
 * - `{ type: "map", values }`: an open map of user keys (metadata), every value fitting `values`.
 * - `{ type: "json" }`: any JSON value (a JSON Schema, say), null included.
 * - `{ oneOf, by?, source? }`: a union. With `by`, an object whose `by` member is a string is
 *   checked against the variant whose `by` field lists that value; otherwise the value fits when
 *   some variant fits, and the closest variant's problems are reported.
 * - `{ type: "none" }`: no value at all: a request sent without a body.
 *
 * Any spec may say `nullable: true` (JSON null is allowed); a field says `required: true` when the
 * SDK type does not mark it optional.
 */

/** What every spec may add: whether null is allowed, and (as an object's field) whether it must be present. */
interface Modifiers {
  nullable?: boolean;
  required?: boolean;
}

/** A string, optionally one of a fixed list. */
export interface StringSpec extends Modifiers {
  type: "string";
  enum?: readonly string[];
}

/** A number, optionally a whole one. */
interface NumberSpec extends Modifiers {
  type: "number";
  integer?: boolean;
}

/** `true` or `false`. */
interface BooleanSpec extends Modifiers {
  type: "boolean";
}

/** A list whose every item fits `items`. */
export interface ArraySpec extends Modifiers {
  type: "array";
  items: Spec;
}

/** An object with named fields; `source` names the SDK type, `extra` opens it to other keys. */
export interface ObjectSpec extends Modifiers {
  type: "object";
  source: string;
  fields: Readonly<Record<string, Spec>>;
  extra?: Spec;
}

/** An open map of user keys, every value fitting `values`. */
export interface MapSpec extends Modifiers {
  type: "map";
  values: Spec;
}

/** Any JSON value. */
interface JsonSpec extends Modifiers {
  type: "json";
}

/** No value: a request without a body. */
interface NoneSpec extends Modifiers {
  type: "none";
}

/** A union of variants, told apart by the member `by` when it names one. */
export interface UnionSpec extends Modifiers {
  oneOf: readonly Spec[];
  by?: string;
  source?: string;
}

/** Any spec of the language. */
export type Spec = StringSpec | NumberSpec | BooleanSpec | ArraySpec | ObjectSpec | MapSpec | JsonSpec | NoneSpec | UnionSpec;

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The JSON kind of a value, for messages: "null", "array", "object", "string", "number", "boolean" or "undefined". */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** `parent.key`, `parent[0]` or `parent["odd key"]`; the root is the empty path. */
function join(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

/** How a path is shown: the root is "body". */
const shown = (path: string) => path || "body";

/** True when `value` is made only of JSON values (no functions, undefined, or non-finite numbers). */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (isPlainObject(value)) return Object.values(value).every(isJson);
  return false;
}

/** The values of the field `by` that a variant accepts, when it lists them. */
function tagsOf(variant: Spec, by: string): readonly string[] {
  if (!("type" in variant) || variant.type !== "object") return [];
  const field = variant.fields[by];
  return field && "type" in field && field.type === "string" ? (field.enum ?? []) : [];
}

function checkUnion(value: unknown, spec: UnionSpec, path: string, problems: string[]): void {
  const by = spec.by;
  if (by !== undefined && isPlainObject(value) && typeof value[by] === "string") {
    const tag = value[by] as string;
    const variant = spec.oneOf.find((candidate) => tagsOf(candidate, by).includes(tag));
    if (variant) {
      check(value, variant, path, problems);
      return;
    }
    const known = spec.oneOf.flatMap((candidate) => tagsOf(candidate, by)).map((t) => JSON.stringify(t));
    problems.push(`${join(path, by)}: ${JSON.stringify(tag)} names no variant of ${spec.source ?? "the union"} (${known.join(", ")})`);
    return;
  }
  const candidates = spec.oneOf.filter((variant) => sameKind(variant, value));
  if (candidates.length === 0) {
    const kinds = [...new Set(spec.oneOf.map(kindName))].join(" or ");
    problems.push(`${shown(path)}: expected ${kinds} (${spec.source ?? "a union"}), got ${kindOf(value)}`);
    return;
  }
  const attempts = candidates.map((variant) => {
    const found: string[] = [];
    check(value, variant, path, found);
    return found;
  });
  if (attempts.some((found) => found.length === 0)) return;
  const closest = attempts.reduce((best, found) => (found.length < best.length ? found : best));
  problems.push(...closest);
}

/** The JSON kind a spec accepts, for messages. */
function kindName(spec: Spec): string {
  if ("oneOf" in spec) return "union";
  return spec.type === "map" ? "object" : spec.type;
}

/** True when `value` is of the JSON kind `spec` accepts (null aside): the variants of a union worth comparing it with. */
function sameKind(spec: Spec, value: unknown): boolean {
  if ("oneOf" in spec || spec.type === "json" || value === null) return true;
  switch (spec.type) {
    case "string":
    case "number":
    case "boolean":
      return typeof value === spec.type;
    case "array":
      return Array.isArray(value);
    case "none":
      return value === undefined;
    default:
      return isPlainObject(value);
  }
}

function checkObject(value: Json, spec: ObjectSpec, path: string, problems: string[]): void {
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : spec.extra;
    if (field === undefined) problems.push(`${join(path, key)}: unknown field; ${spec.source} has no "${key}"`);
    else check(member, field, join(path, key), problems);
  }
  for (const [key, field] of Object.entries(spec.fields)) {
    if (field.required && value[key] === undefined) problems.push(`${join(path, key)}: missing; ${spec.source} requires it`);
  }
}

function check(value: unknown, spec: Spec, path: string, problems: string[]): void {
  if ("oneOf" in spec) {
    if (value === null && spec.nullable) return;
    if (value === null) problems.push(`${shown(path)}: null, which ${spec.source ?? "this union"} does not allow`);
    else checkUnion(value, spec, path, problems);
    return;
  }
  if (spec.type === "none") {
    if (value !== undefined) problems.push(`${shown(path)}: the SDK sends no body here, got ${kindOf(value)}`);
    return;
  }
  if (spec.type === "json") {
    if (!isJson(value)) problems.push(`${shown(path)}: not a JSON value`);
    return;
  }
  if (value === null) {
    if (!spec.nullable) problems.push(`${shown(path)}: null, which the SDK type does not allow here`);
    return;
  }
  const wrong = (expected: string) => problems.push(`${shown(path)}: expected ${expected}, got ${kindOf(value)}`);
  switch (spec.type) {
    case "string":
      if (typeof value !== "string") wrong("string");
      else if (spec.enum && !spec.enum.includes(value)) {
        problems.push(`${shown(path)}: ${JSON.stringify(value)} is not one of ${spec.enum.map((e) => JSON.stringify(e)).join(", ")}`);
      }
      return;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) wrong("number");
      else if (spec.integer && !Number.isInteger(value)) problems.push(`${shown(path)}: expected a whole number, got ${value}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") wrong("boolean");
      return;
    case "array":
      if (!Array.isArray(value)) wrong("array");
      else for (const [index, item] of value.entries()) check(item, spec.items, join(path, index), problems);
      return;
    case "map":
      if (!isPlainObject(value)) wrong("object (a map)");
      else for (const [key, member] of Object.entries(value)) check(member, spec.values, join(path, key), problems);
      return;
    case "object":
      if (!isPlainObject(value)) wrong(`object (${spec.source})`);
      else checkObject(value, spec, path, problems);
      return;
  }
}

/**
 * Where `body` does not fit `spec`: one line per problem, each starting with the JSON path it is
 * at (`config.networking.allowed_hosts[0]`, or `body` for the whole value). Reports a field the
 * SDK type does not have, a required field missing, a value of the wrong type or outside an enum,
 * and a null where the type does not allow one. Empty when the body fits.
 */
export function conformance(body: unknown, spec: Spec): string[] {
  const problems: string[] = [];
  check(body, spec, "", problems);
  return problems;
}
