import type { VaultParams } from "../domain/vault-store";
import { rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";
import { requiredName } from "./object-fields";

/** Longest vault `display_name`: 1–255 (docs/api-contract.md#vaults). */
export const MAX_DISPLAY_NAME_LENGTH = 255;

/** Validates a `POST /vaults` body: `display_name` (1–255) required, `metadata` optional. */
export function parseCreateVaultBody(body: unknown): VaultParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, ["display_name", "metadata"]);
  return { display_name: requiredName(object, "display_name", MAX_DISPLAY_NAME_LENGTH), metadata: parseMetadata(object.metadata) };
}
