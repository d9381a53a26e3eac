/**
 * Decides what to do with a vault's credentials: which to create, rotate, keep or delete, what to
 * send, and what state records afterwards, from the rules declared in model.ts. Credentials are
 * matched by identity (type and MCP server URL or secret name), never by position. Pure: no I/O.
 */
import type { VaultCredentialWire } from "../api/wire";
import { canonicalJson, sameValue } from "../dynamic/properties";
import { credentialKey, credentialRules, type VaultCredentialInput } from "./model";
import type { VaultCredentialState } from "./state";

/** One step from the credentials the vault holds to the declared ones. */
export type CredentialChange =
  /** Declared and held with the same secret: nothing to send. */
  | { action: "keep"; declared: VaultCredentialInput; stored: VaultCredentialState }
  /** Declared and held with another secret: `POST /vaults/{id}/credentials/{cid}`. */
  | { action: "rotate"; declared: VaultCredentialInput; stored: VaultCredentialState }
  /** Declared, not held: `POST /vaults/{id}/credentials`. */
  | { action: "create"; declared: VaultCredentialInput }
  /** Held, no longer declared: `DELETE /vaults/{id}/credentials/{cid}`. */
  | { action: "delete"; stored: VaultCredentialState };

/** How one change went: done (a create with the new credential's id) or failed. */
export type ChangeResult = { done: true; credentialId?: string } | { done: false };

type Values = Record<string, unknown>;

/** True when the two credentials (of one identity) hold different secrets. */
function secretsDiffer(stored: VaultCredentialInput, declared: VaultCredentialInput): boolean {
  return (credentialRules(declared.type) ?? []).some(
    ([name, rule]) => rule.change === "rotate" && !sameValue(rule, (stored as Values)[name], (declared as Values)[name]),
  );
}

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
    return { action: secretsDiffer(before, credential) ? "rotate" : "keep", declared: credential, stored: before };
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
      case "rotate":
        return [result.done ? { ...change.declared, credentialId: change.stored.credentialId } : change.stored];
      case "create":
        return result.done && result.credentialId ? [{ ...change.declared, credentialId: result.credentialId }] : [];
      default:
        // A deletion: gone once done.
        return result.done ? [] : [change.stored];
    }
  });
}

/** The `auth` member of a credential's create or rotation body, e.g. `{ type, mcp_server_url, token }`. */
export function authWire(credential: VaultCredentialInput): Values {
  const auth: Values = {};
  for (const [name, rule] of credentialRules(credential.type) ?? []) {
    const value = (credential as Values)[name];
    if (rule.wire && value !== undefined) auth[rule.wire] = value;
  }
  return auth;
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

/**
 * What a refresh stores: each stored credential the vault still holds live, with the URL or name
 * the API reports (secrets are never returned, so state keeps its own). A credential deleted or
 * archived outside Pulumi, or turned into another type, is left out: the next preview shows it
 * being created again.
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
      const value = rule.change === "replace" && rule.wire ? remote.auth?.[rule.wire] : undefined;
      if (typeof value === "string") reported[name] = value;
    }
    return [{ ...credential, ...reported } as VaultCredentialState];
  });
}
