/**
 * Decides what to do with a vault's credentials: which to create, rotate, keep or delete, what to
 * send, and what state records afterwards, from the rules declared in model.ts. Credentials are
 * matched by identity (type and MCP server URL or secret name), never by position. Pure: no I/O.
 */
import type { VaultCredentialWire } from "../api/wire";
import { fromWire, mergePatch, toWire } from "../dynamic/object-planner";
import { canonicalJson, type PropertyRule, sameValue } from "../dynamic/properties";
import { CREDENTIAL_OBJECT_FIELDS, credentialKey, credentialRules, sameCredential, type VaultCredentialInput } from "./model";
import type { VaultCredentialState } from "./state";

/** One step from the credentials the vault holds to the declared ones. */
export type CredentialChange =
  /** Declared and held with the same secret: nothing to send. */
  | { action: "keep"; declared: VaultCredentialInput; stored: VaultCredentialState }
  /** Declared and held with another secret or setting: `POST /vaults/{id}/credentials/{cid}`. */
  | { action: "update"; declared: VaultCredentialInput; stored: VaultCredentialState }
  /** Declared, not held: `POST /vaults/{id}/credentials`. */
  | { action: "create"; declared: VaultCredentialInput }
  /** Held, no longer declared: `DELETE /vaults/{id}/credentials/{cid}`. */
  | { action: "delete"; stored: VaultCredentialState };

/** How one change went: done (a create, or an update that made the credential again, with the new credential's id) or failed. */
export type ChangeResult = { done: true; credentialId?: string } | { done: false };

type Values = Record<string, unknown>;

/**
 * The changes that turn the stored credentials into the declared ones: declared ones in their
 * order, then deletions. A credential whose URL, name or type changes is another credential: the
 * old one is deleted and the new one created.
 */
export function planCredentials(stored: readonly VaultCredentialState[], declared: readonly VaultCredentialInput[]): CredentialChange[] {
  const held = new Map<string, VaultCredentialState>();
  const duplicates: VaultCredentialState[] = [];
  for (const credential of stored) {
    const key = credentialKey(credential);
    if (held.has(key)) duplicates.push(credential);
    else held.set(key, credential);
  }
  const changes = declared.map((credential): CredentialChange => {
    const key = credentialKey(credential);
    const before = held.get(key);
    if (!before) return { action: "create", declared: credential };
    held.delete(key);
    return { action: sameCredential(before, credential) ? "keep" : "update", declared: credential, stored: before };
  });
  const deletions = [...held.values(), ...duplicates].map((credential): CredentialChange => ({ action: "delete", stored: credential }));
  return [...changes, ...deletions];
}

/**
 * The credentials the vault holds once the changes ran: exactly what the API now has, so that a
 * partial failure leaves the rest to the next `pulumi up`. A failed create is absent, a failed
 * rotation keeps the old secret, a failed deletion keeps the old credential.
 */
export function credentialsAfter(changes: readonly CredentialChange[], results: readonly ChangeResult[]): VaultCredentialState[] {
  return changes.flatMap((change, index): VaultCredentialState[] => {
    const result = results[index] ?? { done: false };
    switch (change.action) {
      case "keep":
        return [{ ...change.declared, credentialId: change.stored.credentialId }];
      case "update":
        // Done with a new id when the credential was gone and made again.
        return [result.done ? { ...change.declared, credentialId: result.credentialId ?? change.stored.credentialId } : change.stored];
      case "create":
        return result.done && result.credentialId ? [{ ...change.declared, credentialId: result.credentialId }] : [];
      default:
        // A deletion: gone once done.
        return result.done ? [] : [change.stored];
    }
  });
}

/** What an environment variable credential's secret may reach when its `networking` is not declared. */
const UNRESTRICTED = { type: "unrestricted" };

/**
 * The `auth` of a credential with the fields `include` picks, in their wire form. The API requires
 * an environment variable's `networking` at create, so one not declared is sent as unrestricted.
 */
function authWire(credential: VaultCredentialInput, include: (rule: PropertyRule) => boolean): Values {
  const auth: Values = { type: credential.type };
  for (const [name, rule] of credentialRules(credential.type) ?? []) {
    if (CREDENTIAL_OBJECT_FIELDS.has(name) || !rule.wire || rule.wire === "type" || !include(rule)) continue;
    const value = (credential as Values)[name] ?? (name === "networking" ? UNRESTRICTED : undefined);
    if (value !== undefined) auth[rule.wire] = toWire(rule, value);
  }
  return auth;
}

/** The body of `POST /vaults/{id}/credentials`: `auth` whole, and the display name and metadata when declared. */
export function credentialCreateBody(credential: VaultCredentialInput): Values {
  const body: Values = { auth: authWire(credential, () => true) };
  for (const [name, rule] of credentialRules(credential.type) ?? []) {
    const value = (credential as Values)[name];
    if (CREDENTIAL_OBJECT_FIELDS.has(name) && rule.wire && value !== undefined) body[rule.wire] = value;
  }
  return body;
}

/**
 * The body of `POST /vaults/{id}/credentials/{cid}` that turns `stored` into `declared` (everything
 * the update may carry when `stored` is unknown). `auth` holds its type and only the fields the API
 * lets an update change (a secret, an environment variable's networking and injection location),
 * all of them when any changed; never the URL or secret name, which the API cannot change. The
 * display name beside it (null when removed), metadata as a merge patch.
 */
export function credentialUpdateBody(declared: VaultCredentialInput, stored?: VaultCredentialInput): Values {
  const values = (credential: VaultCredentialInput | undefined) => (credential ?? {}) as Values;
  const changed = ([name, rule]: [string, PropertyRule]) => !stored || !sameValue(rule, values(stored)[name], values(declared)[name]);
  const rules = credentialRules(declared.type) ?? [];
  const inPlace = rules.filter(
    ([name, rule]) => !CREDENTIAL_OBJECT_FIELDS.has(name) && (rule.change === "rotate" || rule.change === "update"),
  );
  const body: Values = inPlace.some(changed) ? { auth: authWire(declared, (rule) => rule.change !== "replace") } : {};
  for (const entry of rules.filter(([name]) => CREDENTIAL_OBJECT_FIELDS.has(name))) {
    const [name, rule] = entry;
    if (!rule.wire || !changed(entry)) continue;
    const after = values(declared)[name];
    if (rule.mergePatch) {
      const patch = mergePatch((values(stored)[name] ?? {}) as Record<string, string>, (after ?? {}) as Record<string, string>);
      if (patch) body[rule.wire] = patch;
    } else body[rule.wire] = after ?? null;
  }
  return body;
}

/** The credential's secret values, which error messages must never show. */
export function secretsOf(credential: VaultCredentialInput): string[] {
  return (credentialRules(credential.type) ?? []).flatMap(([name, rule]) => {
    const value = (credential as Values)[name];
    return rule.secret && typeof value === "string" ? [value] : [];
  });
}

/** The identity a credential has on the API (type and URL or name), in the form of `credentialKey`; undefined for types not declared here. */
export function remoteCredentialKey(credential: VaultCredentialWire): string | undefined {
  const auth = credential.auth;
  const rules = credentialRules(auth?.type);
  if (!auth || !rules) return undefined;
  const identity: Values = {};
  for (const [, rule] of rules) if (rule.change === "replace" && rule.wire) identity[rule.wire] = auth[rule.wire] ?? undefined;
  return canonicalJson(identity);
}

/** Keeps only the members `declared` has, for a nested value the API fills in (an injection location's other flag). */
function declaredMembers(remote: unknown, declared: unknown): unknown {
  if (!remote || typeof remote !== "object" || !declared || typeof declared !== "object") return remote;
  return Object.fromEntries(Object.entries(remote).filter(([key]) => key in declared));
}

/**
 * What a refresh stores: each stored credential the vault still holds live, with what the API
 * reports of it in place of what state holds where they differ (its URL or name, networking,
 * injection location, display name, metadata; secrets are never returned, so state keeps its own).
 * A credential deleted or archived outside Pulumi, or turned into another type, is left out: the
 * next preview shows it being created again.
 */
export function refreshedCredentials(
  stored: readonly VaultCredentialState[],
  listed: readonly VaultCredentialWire[],
): VaultCredentialState[] {
  const live = new Map(listed.filter((credential) => !credential.archived_at).map((credential) => [credential.id, credential]));
  return stored.flatMap((credential): VaultCredentialState[] => {
    const remote = live.get(credential.credentialId);
    if (!remote || (remote.auth && remote.auth.type !== credential.type)) return [];
    const reported: Values = {};
    for (const [name, rule] of credentialRules(credential.type) ?? []) {
      if (!rule.wire || rule.secret || rule.wire === "type") continue;
      const source = CREDENTIAL_OBJECT_FIELDS.has(name) ? (remote as Values) : (remote.auth as Values | null | undefined);
      if (!source || !(rule.wire in source)) continue;
      const mine = (credential as Values)[name];
      let value = fromWire(rule, source[rule.wire]);
      if (name === "injectionLocation") value = mine === undefined ? undefined : declaredMembers(value, mine);
      if (rule.mergePatch && value && typeof value === "object" && Object.keys(value).length === 0) value = undefined;
      if (!sameValue(rule, mine, value)) reported[name] = value;
    }
    return [{ ...credential, ...reported } as VaultCredentialState];
  });
}
