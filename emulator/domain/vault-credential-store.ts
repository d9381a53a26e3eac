import { invalidRequest } from "../api-error";
import type { TimestampClock } from "../clock";
import { applyMetadataPatch } from "./metadata-patch";
import { ObjectStore, type StoredObject } from "./object-store";
import type { VaultCredential, VaultCredentialAuth } from "./object-wire-types";

/** A validated `auth`: what the API shows of it, and the secret it never shows. */
export interface CredentialAuthParams {
  auth: VaultCredentialAuth;
  secret: string;
}

/** A validated `POST /vaults/{id}/credentials` body. */
export interface VaultCredentialParams {
  auth: CredentialAuthParams;
  display_name: string | null;
  metadata: Record<string, string>;
}

/**
 * A validated `POST /vaults/{id}/credentials/{cid}` body; absent members are kept. A new `auth`
 * carries a new secret; its `mcp_server_url` or `secret_name`, when given, must be the current one.
 */
export interface VaultCredentialPatch {
  auth?: { type: VaultCredentialAuth["type"]; mcp_server_url?: string; secret_name?: string; secret: string };
  /** `null` clears it. */
  display_name?: string | null;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
}

/** A credential as the store keeps it. */
export interface StoredCredential extends StoredObject<VaultCredential> {
  /** Every secret the credential received, oldest first (create, then each update of `auth`). */
  secretHistory: string[];
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
        auth: { ...params.auth.auth },
        metadata: { ...params.metadata },
        archived_at: null,
        created_at: now,
        updated_at: now,
      },
      secretHistory: [params.auth.secret],
    }));
  }

  /** Applies a patch to a live credential; an archived one, or an `auth` for something else, is a 400. */
  update(id: string, patch: VaultCredentialPatch): StoredCredential {
    const stored = this.requireLive(id, "it cannot be updated");
    const credential = stored.object;
    if (patch.auth) {
      checkSameTarget(credential.auth, patch.auth);
      stored.secretHistory.push(patch.auth.secret);
    }
    if (patch.display_name !== undefined) credential.display_name = patch.display_name;
    if (patch.metadata) applyMetadataPatch(credential.metadata, patch.metadata);
    this.touch(stored);
    return stored;
  }
}

/** Refuses a new `auth` of another type, or for another MCP server URL or secret name. */
function checkSameTarget(current: VaultCredentialAuth, given: NonNullable<VaultCredentialPatch["auth"]>): void {
  if (given.type !== current.type) {
    throw invalidRequest(`Field 'auth.type' cannot be changed from '${current.type}'; create a new credential instead.`, "auth.type");
  }
  if (current.type === "static_bearer") refuseChange("mcp_server_url", current.mcp_server_url, given.mcp_server_url);
  else refuseChange("secret_name", current.secret_name, given.secret_name);
}

function refuseChange(key: string, current: string, given: string | undefined): void {
  if (given !== undefined && given !== current) {
    throw invalidRequest(`Field 'auth.${key}' cannot be changed; create a new credential instead.`, `auth.${key}`);
  }
}
