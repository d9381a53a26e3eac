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
 * then shows which item's secret changes, and not its value.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { rulesOf } from "./properties";
import { UNKNOWN } from "./unknown";

/** The fields of an item shape declared `secret`. */
export function secretFieldsOf(itemShape: z.ZodRawShape): string[] {
  return rulesOf(itemShape).flatMap(([name, rule]) => (rule.secret ? [name] : []));
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
 * A one-way fingerprint of a secret: 12 hex characters (48 bits) of a SHA-256 digest. It tells two
 * values apart and says nothing usable about a high-entropy token.
 */
export function fingerprint(secret: string): string {
  return createHash("sha256").update("pulumi-qoder secret fingerprint\u0000").update(secret).digest("hex").slice(0, 12);
}

/**
 * An item without its secret fields but with their fingerprints, and the secret fields alone.
 * A fingerprint is left out where its secret is not a known string.
 */
export function splitItem(item: Item, secret: readonly string[]): { visible: Item; secrets: Item } {
  const visible: Item = {};
  const secrets: Item = {};
  for (const [key, value] of Object.entries(item)) {
    if (!secret.includes(key)) {
      if (!secret.some((field) => fingerprintField(field) === key)) visible[key] = value;
      continue;
    }
    secrets[key] = value;
    if (typeof value === "string" && value !== UNKNOWN) visible[fingerprintField(key)] = fingerprint(value);
  }
  return { visible, secrets };
}

/**
 * Splits `props[list]` into `props[list]` without secret fields and `props[<list>Secrets]`.
 * Props already split (or with no such list) are returned as they are.
 */
export function splitSecrets<T extends object>(props: T, list: string, secret: readonly string[]): T {
  const items = (props as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return props;
  const parts = items.map((item) => (item && typeof item === "object" ? splitItem(item as Item, secret) : { visible: item, secrets: {} }));
  return { ...props, [list]: parts.map((part) => part.visible), [secretsProperty(list)]: parts.map((part) => part.secrets) };
}

/**
 * Puts the secret fields of `props[<list>Secrets]` back into the items of `props[list]`, by
 * position. A secrets list unknown during preview makes every secret field unknown. Props stored
 * before lists were split (secret fields still in the items, no secrets list) come back unchanged.
 */
export function joinSecrets<T extends object>(props: T, list: string, secret: readonly string[]): T {
  const { [secretsProperty(list)]: secrets, ...rest } = props as Record<string, unknown>;
  const items = rest[list];
  if (secrets === undefined || !Array.isArray(items)) return rest as T;
  const unknown = Object.fromEntries(secret.map((key) => [key, UNKNOWN]));
  const fingerprints = new Set(secret.map(fingerprintField));
  const joined = items.map((item, index) => {
    if (!item || typeof item !== "object") return item;
    const own = Array.isArray(secrets) ? secrets[index] : secrets;
    const visible = Object.fromEntries(Object.entries(item as Item).filter(([key]) => !fingerprints.has(key)));
    return { ...visible, ...(own === UNKNOWN ? unknown : (own as Item | undefined)) };
  });
  return { ...rest, [list]: joined } as T;
}

/** True when `props[list]` still carries secret fields in its items: stored before lists were split. */
export function hasJoinedSecrets(props: object, list: string, secret: readonly string[]): boolean {
  const items = (props as Record<string, unknown>)[list];
  return Array.isArray(items) && items.some((item) => item && typeof item === "object" && secret.some((key) => key in (item as Item)));
}
