/**
 * Property schemas more than one resource declares: ids, metadata, names, the deletion mode. Each
 * says in its error what is expected, since `check` reports it against the property.
 */
import { z } from "zod";
import { LIMITS } from "../api/limits";
import { property } from "./properties";

/** A refinement from a function that returns what is wrong with a string, if anything. */
export function problem(check: (value: string) => string | undefined) {
  return (value: string, ctx: z.RefinementCtx) => {
    const reason = check(value);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  };
}

/** An API id with its prefix, e.g. `id("env_", "an environment")`. */
export function idSchema(prefix: string, what: string) {
  return z
    .string({ error: `must be ${what} id (a string starting with "${prefix}")` })
    .max(LIMITS.idMaxLength, { error: `must be at most ${LIMITS.idMaxLength} characters` })
    .regex(new RegExp(`^${prefix}[A-Za-z0-9_-]+$`), {
      error: (issue) => `must be ${what} id like "${prefix}019e…", got "${String(issue.input)}"`,
    });
}

/** A name shown in the Qoder console: 1–255 characters. */
export function nameSchema() {
  return z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(LIMITS.nameMaxLength, { error: `must be at most ${LIMITS.nameMaxLength} characters` });
}

/** String keys (1–64 characters) to string values (at most 512), at most 15 pairs. */
function metadataSchema() {
  return z
    .record(
      z
        .string()
        .min(1, { error: "metadata keys must not be empty" })
        .max(LIMITS.metadataKeyMaxLength, { error: `metadata keys must be at most ${LIMITS.metadataKeyMaxLength} characters` }),
      z
        .string({ error: "metadata values must be strings" })
        .max(LIMITS.metadataValueMaxLength, { error: `metadata values must be at most ${LIMITS.metadataValueMaxLength} characters` }),
      { error: (issue) => (issue.code === "invalid_type" ? "must be a map of string keys to string values" : undefined) },
    )
    .refine((map) => Object.keys(map).length <= LIMITS.metadataMaxPairs, {
      error: `must have at most ${LIMITS.metadataMaxPairs} entries (a 16th holds the provider's create marker)`,
    });
}

/**
 * `metadata` of a top-level object: updated in place as a merge patch, or, for an object the API
 * cannot update (a vault), `"replace"`.
 */
export function metadataProperty(change: "update" | "replace" = "update") {
  return property(metadataSchema().optional(), { change, wire: "metadata", mergePatch: true });
}

/** What destroying (or replacing) the object does: `"archive"` (the default) or `"delete"`. */
export function deletionModeProperty() {
  return property(z.enum(["archive", "delete"], { error: 'must be "archive" or "delete"' }).optional(), {
    change: "record",
    same: (a: string | undefined, b: string | undefined) => (a ?? "archive") === (b ?? "archive"),
  });
}
