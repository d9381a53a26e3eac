import { parseCreateVaultBody } from "../validation/vault-body";
import type { Handler, HandlerCall } from "./handler";
import { archiveObject, deleteObject, getObject, listObjects, objectView } from "./object-handlers";

// Vaults have no update: `POST /vaults/{vault_id}` matches no route (404).

const vaults = (call: HandlerCall) => call.state.vaults;

/** `POST /vaults` → 201 Vault. */
export const createVault: Handler = ({ body, state }) => ({
  status: 201,
  body: objectView(state.vaults.create(parseCreateVaultBody(body))),
});

/** `GET /vaults` → page of Vaults. */
export const listVaults = listObjects(vaults);

/** `GET /vaults/{vault_id}` → Vault. */
export const getVault = getObject(vaults, "vault_id");

/** `POST /vaults/{vault_id}/archive` → Vault with `archived_at` set; its credentials are left as they are. */
export const archiveVault = archiveObject(vaults, "vault_id");

/** `DELETE /vaults/{vault_id}` → `{id, type: "vault_deleted"}`; its credentials go with it. */
export const deleteVault = deleteObject(vaults, "vault_id", "vault_deleted");
