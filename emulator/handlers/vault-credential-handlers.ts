import { parseCreateVaultCredentialBody, parseUpdateVaultCredentialBody } from "../validation/vault-credential-body";
import { type Handler, type HandlerCall, pathParam } from "./handler";
import { archiveObject, deleteObject, getObject, listObjects, objectView } from "./object-handlers";

/** The credentials of the vault in the path; 404 naming the vault when it does not exist. */
const credentials = (call: HandlerCall) => call.state.vaults.credentials(pathParam(call, "vault_id"));

/** `POST /vaults/{vault_id}/credentials` → 201 VaultCredential (without its secret); 400 in an archived vault. */
export const createVaultCredential: Handler = (call) => {
  const vaultId = pathParam(call, "vault_id");
  call.state.vaults.require(vaultId);
  const params = parseCreateVaultCredentialBody(call.body);
  return { status: 201, body: objectView(call.state.vaults.liveCredentials(vaultId).create(params)) };
};

/** `GET /vaults/{vault_id}/credentials` → page of VaultCredentials. */
export const listVaultCredentials = listObjects(credentials);

/** `GET /vaults/{vault_id}/credentials/{credential_id}` → VaultCredential. */
export const getVaultCredential = getObject(credentials, "credential_id");

/** `POST /vaults/{vault_id}/credentials/{credential_id}` → updated VaultCredential; 400 in an archived vault. */
export const updateVaultCredential: Handler = (call) => {
  const vaultId = pathParam(call, "vault_id");
  const credentialId = pathParam(call, "credential_id");
  const current = call.state.vaults.credentials(vaultId).require(credentialId);
  const patch = parseUpdateVaultCredentialBody(call.body, current.object.auth.type);
  return { status: 200, body: objectView(call.state.vaults.liveCredentials(vaultId).update(credentialId, patch)) };
};

/** `POST /vaults/{vault_id}/credentials/{credential_id}/archive` → VaultCredential with `archived_at` set. */
export const archiveVaultCredential = archiveObject(credentials, "credential_id");

/** `DELETE /vaults/{vault_id}/credentials/{credential_id}` → `{id, type: "vault_credential_deleted"}`. */
export const deleteVaultCredential = deleteObject(credentials, "credential_id", "vault_credential_deleted");
