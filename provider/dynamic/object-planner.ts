/**
 * What to send for a top-level object (agent, environment, memory store, vault), decided from the
 * rules its model declares: the create body, the create's identity, how new inputs differ, the
 * update patch, and what the API holds in the terms of the inputs. Pure: no I/O.
 *
 * Inputs are camelCase at every depth and the wire is snake_case, so nested values (an
 * environment's `config`, an agent's `tools`) are converted key by key; maps of user keys
 * (`metadata`, the properties declared `mergePatch`) are sent as they are.
 */
import { CREATE_MARKER } from "./idempotency";
import { type PropertyRule, sameValue } from "./properties";

/** A model's declared properties with their rules, as `rulesOf` lists them. */
export type Rules = readonly (readonly [string, PropertyRule])[];

type Values = Record<string, unknown>;

/** The wire (snake_case) name of an input (camelCase) key at any depth, e.g. `enabledTools` → `enabled_tools`. */
export const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** The value with every key renamed at every depth, except inside the values of `verbatim` keys (in either spelling). */
function renameKeys(value: unknown, rename: (key: string) => string, verbatim: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename, verbatim));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [rename(key), verbatim.has(key) ? inner : renameKeys(inner, rename, verbatim)]),
    );
  }
  return value;
}

/** The `verbatim` keys of a rule in both spellings. */
const verbatimKeys = (rule: PropertyRule) => new Set((rule.verbatim ?? []).flatMap((key) => [key, snake(key)]));

/** The wire value of a property's input value. */
export function toWire(rule: PropertyRule, value: unknown): unknown {
  return rule.mergePatch ? value : renameKeys(value, snake, verbatimKeys(rule));
}

/** The input value of a property's wire value; null (the API's "not set") reads as absent. */
export function fromWire(rule: PropertyRule, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (!rule.mergePatch) return renameKeys(value, camel, verbatimKeys(rule));
  const { [CREATE_MARKER]: _marker, ...rest } = value as Record<string, string>;
  return rest;
}

/** Not set: absent, null, "", [] or {} (the API reports an unset optional property as one of these). */
function isUnset(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/** Same under the property's rule, where every way of not being set counts as the same. */
function same(rule: PropertyRule, before: unknown, after: unknown): boolean {
  return (isUnset(before) && isUnset(after)) || sameValue(rule, before, after);
}

/** The create body: every property that has a wire name and a value. */
export function createBody(rules: Rules, inputs: Values): Values {
  const body: Values = {};
  for (const [name, rule] of rules) {
    if (rule.wire && inputs[name] !== undefined) body[rule.wire] = toWire(rule, inputs[name]);
  }
  return body;
}

/**
 * What makes an object the one the inputs ask for: the create's fields that cannot change in
 * place, without secrets. A crash-safe create is keyed by it.
 */
export function createIdentity(rules: Rules, inputs: Values): Values {
  return createBody(
    rules.filter(([, rule]) => rule.change === "replace" && !rule.secret),
    inputs,
  );
}

/**
 * How new inputs differ from the stored ones: whether anything changes, and which properties
 * need a new object. A value unknown during preview counts as changed.
 */
export function diffProperties(rules: Rules, olds: Values, news: Values): { changes: boolean; replaces: string[] } {
  const changed = rules.filter(([name, rule]) => !same(rule, olds[name], news[name]));
  return { changes: changed.length > 0, replaces: changed.filter(([, rule]) => rule.change === "replace").map(([name]) => name) };
}

/** The merge patch from one string map to another: changed keys with their value, removed keys as null. */
export function mergePatch(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> | undefined {
  const merge: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) merge[key] = value;
  for (const key of Object.keys(before)) if (!(key in after)) merge[key] = null;
  return Object.keys(merge).length > 0 ? merge : undefined;
}

/**
 * The body of an in-place update from `olds` to `news`: each changed `update` property, a list
 * whole, a map as a merge patch (a removed key as null), an object the API merges member by member
 * complete (its rule's `complete`), a cleared list as [] and any other cleared value as null.
 * Undefined when nothing is to be sent.
 */
export function updatePatch(rules: Rules, olds: Values, news: Values): Values | undefined {
  const patch: Values = {};
  for (const [name, rule] of rules) {
    if (rule.change !== "update" || !rule.wire || same(rule, olds[name], news[name])) continue;
    const after = news[name];
    if (rule.mergePatch) {
      const merge = mergePatch((olds[name] ?? {}) as Record<string, string>, (after ?? {}) as Record<string, string>);
      if (merge) patch[rule.wire] = merge;
    } else if (isUnset(after)) {
      patch[rule.wire] = Array.isArray(olds[name]) ? [] : null;
    } else {
      const complete = rule.complete as ((value: unknown) => unknown) | undefined;
      patch[rule.wire] = toWire(rule, complete ? complete(after) : after);
    }
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * The inputs as the API holds them: every property the API reports back, read from the object,
 * except where it is the same as `stored` (so the way the inputs spell "not set" is kept). Secret
 * and provider-only properties are never reported, so they keep their stored value.
 */
export function remoteInputs(rules: Rules, object: Values, stored: Values): Values {
  const inputs: Values = { ...stored };
  for (const [name, rule] of rules) {
    if (!rule.wire || rule.secret) continue;
    const remote = fromWire(rule, object[rule.wire]);
    if (!same(rule, stored[name], remote)) inputs[name] = remote;
  }
  return inputs;
}

/** How an existing object differs from the inputs in what cannot change in place; empty when it is the one. */
export function identityMismatches(rules: Rules, inputs: Values, object: Values): string[] {
  const problems: string[] = [];
  if (object.archived_at) problems.push(`it was archived at ${String(object.archived_at)}`);
  for (const [name, rule] of rules) {
    if (rule.change !== "replace" || !rule.wire || rule.secret) continue;
    const remote = fromWire(rule, object[rule.wire]);
    if (!same(rule, remote, inputs[name])) problems.push(`its ${rule.label ?? name} is ${JSON.stringify(remote ?? null)}`);
  }
  return problems;
}
