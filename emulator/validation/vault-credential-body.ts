import { invalidRequest, missingField } from "../api-error";
import type { VaultCredentialParams, VaultCredentialPatch } from "../domain/vault-credential-store";
import type { VaultCredentialAuth } from "../domain/vault-wire-types";
import { parseCredentialAuth, parseCredentialAuthPatch } from "./credential-auth";
import { rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";
import { optionalName, updatedMetadata } from "./object-fields";
import { MAX_DISPLAY_NAME_LENGTH } from "./vault-body";

const FIELDS = ["auth", "display_name", "metadata"];

/** Validates a `POST /vaults/{id}/credentials` body: `auth` required, `display_name` and `metadata` optional. */
export function parseCreateVaultCredentialBody(body: unknown): VaultCredentialParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, FIELDS);
  if (object.auth === undefined || object.auth === null) throw missingField("auth");
  return {
    auth: parseCredentialAuth(object.auth),
    display_name: optionalName(object, "display_name", MAX_DISPLAY_NAME_LENGTH),
    metadata: parseMetadata(object.metadata),
  };
}

/**
 * Validates a `POST /vaults/{id}/credentials/{cid}` body: a patch. `auth`, when given, must be of
 * the credential's type (`currentType`) and carries only what changes (new secrets included).
 */
export function parseUpdateVaultCredentialBody(body: unknown, currentType: VaultCredentialAuth["type"]): VaultCredentialPatch {
  const object = requireBodyObject(body, true);
  rejectUnknownFields(object, FIELDS);
  if (object.auth === null) throw invalidRequest("Field 'auth' cannot be cleared.", "auth");
  return {
    auth: object.auth === undefined ? undefined : parseCredentialAuthPatch(object.auth, currentType),
    display_name: object.display_name === undefined ? undefined : optionalName(object, "display_name", MAX_DISPLAY_NAME_LENGTH),
    metadata: updatedMetadata(object),
  };
}
