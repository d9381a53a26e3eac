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

/**
 * An MCP server's URL, as an agent's `mcpServers` and a vault credential name it: at most 2048
 * characters, without credentials (they belong in a vault credential, never in plaintext state),
 * over https, or also http where `allowHttp` (an agent may reach a server on a private network).
 * A refusal never repeats the URL, which might embed a secret.
 */
export function mcpServerUrlSchema(options: { allowHttp: boolean }) {
  const expected = "expected https://<host>/<path>";
  return z.string({ error: "must be a string URL" }).superRefine(
    problem((value) => {
      if (value.length > LIMITS.urlMaxLength) return `must be at most ${LIMITS.urlMaxLength} characters`;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return `is not a URL; ${expected}`;
      }
      if (url.username || url.password) return "must not embed credentials; keep them in a vault credential for this server's URL";
      if (url.protocol === "https:" || (options.allowHttp && url.protocol === "http:")) return undefined;
      return options.allowHttp
        ? `must be an https:// URL, got ${url.protocol}//`
        : `must use https, not ${url.protocol.replace(/:$/, "")}; ${expected}`;
    }),
  );
}

/** A name shown in the Qoder console: 1–255 characters unless the object allows another `max`. */
export function nameSchema(max: number = LIMITS.nameMaxLength) {
  return z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` });
}

/** String keys (1–64 characters) to string values (at most 512), at most 15 pairs; see {@link metadataProperty}. */
function metadataSchema(options: MetadataOptions) {
  const value = z
    .string({ error: "metadata values must be strings" })
    .max(LIMITS.metadataValueMaxLength, { error: `metadata values must be at most ${LIMITS.metadataValueMaxLength} characters` });
  return z
    .record(
      z
        .string()
        .min(1, { error: "metadata keys must not be empty" })
        .max(LIMITS.metadataKeyMaxLength, { error: `metadata keys must be at most ${LIMITS.metadataKeyMaxLength} characters` }),
      options.emptyValueDeletes
        ? value.min(1, { error: 'metadata values must not be empty (the API reads "" as "delete this key")' })
        : value,
      { error: (issue) => (issue.code === "invalid_type" ? "must be a map of string keys to string values" : undefined) },
    )
    .refine((map) => Object.keys(map).length <= LIMITS.metadataMaxPairs, {
      error: `must have at most ${LIMITS.metadataMaxPairs} entries (a 16th holds the provider's create marker)`,
    });
}

/** How one kind of object reads and changes its metadata. */
interface MetadataOptions {
  /** The API deletes a key set to `""` (environments), so an empty value is refused. */
  emptyValueDeletes?: boolean;
  /** `"replace"` for an object the API cannot update (a vault); in place by default. */
  change?: "update" | "replace";
}

/** `metadata` of a top-level object: a merge patch in place, unless `change` says it replaces the object. */
export function metadataProperty(options: MetadataOptions = {}) {
  return property(metadataSchema(options).optional(), { change: options.change ?? "update", wire: "metadata", mergePatch: true });
}

/** What destroying (or replacing) the object does: `"archive"` (the default) or `"delete"`. */
export function deletionModeProperty() {
  return property(z.enum(["archive", "delete"], { error: 'must be "archive" or "delete"' }).optional(), {
    change: "record",
    whenAbsent: "archive",
  });
}
