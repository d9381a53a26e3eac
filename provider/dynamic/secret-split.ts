/**
 * The engine marks a whole top-level property secret when any part of it is secret (dynamic
 * providers do not accept secrets), so a list of repositories with a token in each entry would be
 * one ciphertext in state and `[secret]` in every preview. A list whose items have secret fields is
 * therefore carried as two top-level properties: the list without them, in plaintext, and a list of
 * the same length holding only them, which is secret. A user still declares one list; the resource
 * class splits it, and the provider joins the two again before anything else sees them.
 *
 * The engine never shows that a secret changed (pulumi/pulumi#16687), so each item also carries,
 * in plaintext, a short one-way fingerprint of each secret field (`<field>Fingerprint`): a preview
 * then shows which item's secret changes, and not its value. How it is computed depends on the
 * kind of secret its property's rule declares (see {@link fingerprintOf}).
 */
import { createHash, scryptSync } from "node:crypto";
import type { z } from "zod";
import { rulesOf, type SecretKind } from "./properties";
import { UNKNOWN } from "./unknown";

/** The secret fields of a list's items, each with the kind of secret its rule declares. */
export type SecretFields = Readonly<Record<string, SecretKind>>;

/** The fields of an item shape declared `secret`, with their kinds. */
export function secretFieldsOf(itemShape: z.ZodRawShape): SecretFields {
  return Object.fromEntries(rulesOf(itemShape).flatMap(([name, rule]) => (rule.secret ? [[name, rule.secret]] : [])));
}

/** The name of the top-level property that carries the secret fields of `list`. */
export function secretsProperty(list: string): string {
  return `${list.replace(/ies$/, "y").replace(/s$/, "")}Secrets`;
}

type Item = Record<string, unknown>;

/** The plaintext field that carries a fingerprint of the secret field `field`. */
export function fingerprintField(field: string): string {
  return `${field}Fingerprint`;
}

/**
 * A one-way fingerprint of a machine-issued secret: 12 hex characters (48 bits) of a SHA-256
 * digest. It tells two values apart and says nothing usable about a high-entropy token. Stored
 * fingerprints of GitHub tokens are this digest; it must not change.
 */
export function fingerprint(secret: string): string {
  return createHash("sha256").update("pulumi-qoder secret fingerprint\u0000").update(secret).digest("hex").slice(0, 12);
}

/**
 * scrypt's cost for user-chosen secrets: N = 2^14, r = 8 (16 MiB), about 30 ms per fingerprint on
 * one core of a 2020s machine, so that testing guesses against a fingerprint in state is slow.
 */
const SLOW = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** Recent slow fingerprints by a SHA-256 of field and secret, so one run computes each once. */
const slowCache = new Map<string, string>();
const SLOW_CACHE_SIZE = 256;

/**
 * A one-way fingerprint of a user-chosen secret (a Git password, say), which may be low-entropy:
 * 12 hex characters of scrypt (N = 2^14, r = 8, p = 1) with a fixed salt that names the field, so
 * that each guess costs tens of milliseconds and a value tested for one field says nothing about
 * another. The salt is fixed, not random, so that the program and the provider compute the same
 * value and an unchanged secret keeps its fingerprint.
 */
export function slowFingerprint(field: string, secret: string): string {
  const key = createHash("sha256").update(field).update("\u0000").update(secret).digest("hex");
  const cached = slowCache.get(key);
  if (cached !== undefined) return cached;
  const salt = `pulumi-qoder fingerprint of ${field}`;
  const value = scryptSync(secret, salt, 6, SLOW).toString("hex");
  if (slowCache.size >= SLOW_CACHE_SIZE) slowCache.delete(slowCache.keys().next().value as string);
  slowCache.set(key, value);
  return value;
}

/**
 * The plaintext fingerprint of the secret `field` of kind `kind`: {@link fingerprint} for a
 * machine-issued secret, {@link slowFingerprint} for a user-chosen one. The program side
 * (`splitSecretArgs`) and the provider side ({@link splitItem}) both compute it here.
 */
export function fingerprintOf(field: string, kind: SecretKind, secret: string): string {
  return kind === "user-chosen" ? slowFingerprint(field, secret) : fingerprint(secret);
}

/**
 * An item without its secret fields but with their fingerprints, and the secret fields alone.
 * A fingerprint is left out where its secret is not a known string.
 */
export function splitItem(item: Item, secret: SecretFields): { visible: Item; secrets: Item } {
  const visible: Item = {};
  const secrets: Item = {};
  const fingerprints = new Set(Object.keys(secret).map(fingerprintField));
  for (const [key, value] of Object.entries(item)) {
    const kind = Object.hasOwn(secret, key) ? secret[key] : undefined;
    if (kind === undefined) {
      if (!fingerprints.has(key)) visible[key] = value;
      continue;
    }
    secrets[key] = value;
    if (typeof value === "string" && value !== UNKNOWN) visible[fingerprintField(key)] = fingerprintOf(key, kind, value);
  }
  return { visible, secrets };
}

/**
 * Splits `props[list]` into `props[list]` without secret fields and `props[<list>Secrets]`.
 * Props already split (or with no such list) are returned as they are.
 */
export function splitSecrets<T extends object>(props: T, list: string, secret: SecretFields): T {
  const items = (props as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return props;
  const parts = items.map((item) => (item && typeof item === "object" ? splitItem(item as Item, secret) : { visible: item, secrets: {} }));
  return { ...props, [list]: parts.map((part) => part.visible), [secretsProperty(list)]: parts.map((part) => part.secrets) };
}

/**
 * Puts the secret fields of `props[<list>Secrets]` back into the items of `props[list]`, by
 * position. A secrets list unknown during preview makes the secret fields of each item unknown:
 * those whose fingerprint the item carries (known or not), or every secret field when it carries
 * none. Props stored before lists were split (secret fields still in the items, no secrets list)
 * come back unchanged.
 */
export function joinSecrets<T extends object>(props: T, list: string, secret: SecretFields): T {
  const { [secretsProperty(list)]: secrets, ...rest } = props as Record<string, unknown>;
  const items = rest[list];
  if (secrets === undefined || !Array.isArray(items)) return rest as T;
  const fields = Object.keys(secret);
  const fingerprints = new Set(fields.map(fingerprintField));
  const joined = items.map((item, index) => {
    if (!item || typeof item !== "object") return item;
    const own = Array.isArray(secrets) ? secrets[index] : secrets;
    const visible = Object.fromEntries(Object.entries(item as Item).filter(([key]) => !fingerprints.has(key)));
    if (own !== UNKNOWN) return { ...visible, ...(own as Item | undefined) };
    const shown = fields.filter((field) => fingerprintField(field) in (item as Item));
    return { ...visible, ...Object.fromEntries((shown.length > 0 ? shown : fields).map((field) => [field, UNKNOWN])) };
  });
  return { ...rest, [list]: joined } as T;
}

/** True when `props[list]` still carries secret fields in its items: stored before lists were split. */
export function hasJoinedSecrets(props: object, list: string, secret: SecretFields): boolean {
  const items = (props as Record<string, unknown>)[list];
  const fields = Object.keys(secret);
  return Array.isArray(items) && items.some((item) => item && typeof item === "object" && fields.some((key) => key in (item as Item)));
}
