import type { TimestampClock } from "../clock";
import { type CredentialAuthPatch, type CredentialAuthState, patchedCredentialAuth } from "./credential-auth-patch";
import { type CredentialSecrets, secretValues } from "./credential-secrets";
import { applyMetadataPatch } from "./metadata-patch";
import { ObjectStore, type StoredObject } from "./object-store";
import type { VaultCredential } from "./vault-wire-types";

/** A validated `POST /vaults/{id}/credentials` body. */
export interface VaultCredentialParams {
  /** What the API shows of the `auth`, and the secrets it never shows. */
  auth: CredentialAuthState;
  display_name: string | null;
  metadata: Record<string, string>;
}

/** A validated `POST /vaults/{id}/credentials/{cid}` body; absent members are kept. */
export interface VaultCredentialPatch {
  auth?: CredentialAuthPatch;
  /** `null` clears it. */
  display_name?: string | null;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
}

/** A credential as the store keeps it. */
export interface StoredCredential extends StoredObject<VaultCredential> {
  /** Every secret the credential received, oldest first (create, then each update that gave one). */
  secretHistory: string[];
  /** The secrets it holds now, by the `auth` member that carried each. */
  secrets: CredentialSecrets;
}

/** The credentials of one vault (`vcred_…`). */
export class VaultCredentialStore extends ObjectStore<VaultCredential, StoredCredential> {
  constructor(
    clock: TimestampClock,
    private readonly vaultId: string,
  ) {
    super(clock, { label: "Vault credential", prefix: "vcred_" });
  }

  create(params: VaultCredentialParams): StoredCredential {
    return this.insert((id, now) => ({
      object: {
        id,
        type: "vault_credential",
        vault_id: this.vaultId,
        display_name: params.display_name,
        auth: structuredClone(params.auth.auth),
        metadata: { ...params.metadata },
        archived_at: null,
        created_at: now,
        updated_at: now,
      },
      secretHistory: secretValues(params.auth.secrets),
      secrets: { ...params.auth.secrets },
    }));
  }

  /** Applies a patch to a live credential; an archived one, or an `auth` it cannot take, is a 400 and changes nothing. */
  update(id: string, patch: VaultCredentialPatch): StoredCredential {
    const stored = this.requireLive(id, "it cannot be updated");
    const credential = stored.object;
    if (patch.auth) {
      const next = patchedCredentialAuth({ auth: credential.auth, secrets: stored.secrets }, patch.auth);
      credential.auth = next.auth;
      stored.secrets = next.secrets;
      stored.secretHistory.push(...secretValues(patch.auth.secrets));
    }
    if (patch.display_name !== undefined) credential.display_name = patch.display_name;
    if (patch.metadata) applyMetadataPatch(credential.metadata, patch.metadata);
    this.touch(stored);
    return stored;
  }
}
