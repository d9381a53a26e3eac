/**
 * The value the Pulumi engine puts in place of an input that is not known yet (during preview,
 * when it depends on another resource's output). Dynamic providers receive it as this string.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is, or contains anywhere inside it, a value unknown during preview. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** True when the value at `path` inside `root`, or any value on the way to it, is unknown. */
export function isUnknownAt(root: unknown, path: readonly PropertyKey[]): boolean {
  let value = root;
  for (const key of [undefined, ...path]) {
    if (key !== undefined) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    if (value === UNKNOWN) return true;
  }
  return false;
}
