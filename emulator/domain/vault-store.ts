import type { TimestampClock } from "../clock";
import { ObjectStore, type StoredObject } from "./object-store";
import { VaultCredentialStore } from "./vault-credential-store";
import type { Vault } from "./vault-wire-types";

/** A validated `POST /vaults` body. */
export interface VaultParams {
  display_name: string;
  metadata: Record<string, string>;
}

/** A vault as the store keeps it, with its credentials. */
export interface StoredVault extends StoredObject<Vault> {
  credentials: VaultCredentialStore;
}

/** Vaults (`vault_…`), which have no update. Deleting a vault deletes its credentials. */
export class VaultStore extends ObjectStore<Vault, StoredVault> {
  constructor(clock: TimestampClock) {
    super(clock, { label: "Vault", prefix: "vault_" });
  }

  create(params: VaultParams): StoredVault {
    return this.insert((id, now) => ({
      object: {
        id,
        type: "vault",
        display_name: params.display_name,
        metadata: { ...params.metadata },
        archived_at: null,
        created_at: now,
        updated_at: now,
      },
      credentials: new VaultCredentialStore(this.clock, id),
    }));
  }

  /** The credentials of a vault, archived or not; 404 when the vault does not exist. */
  credentials(vaultId: string): VaultCredentialStore {
    return this.require(vaultId).credentials;
  }

  /** The credentials of a vault that is not archived, to add or change one; 400 when it is archived. */
  liveCredentials(vaultId: string): VaultCredentialStore {
    return this.requireLive(vaultId, "its credentials cannot be added or updated").credentials;
  }
}
