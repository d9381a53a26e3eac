import type { MemoryStoreParams, MemoryStorePatch } from "../domain/memory-store-store";
import { rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";
import { nullableString, requiredName, updatedMetadata, updatedName, updatedNullableString } from "./object-fields";

const FIELDS = ["name", "description", "metadata"];
/** Longest memory store name: 1–255 (docs/api-contract.md#memory-stores). */
const MAX_NAME_LENGTH = 255;

/** Validates a `POST /memory_stores` body: `name` (1–255) required, `description` and `metadata` optional. */
export function parseCreateMemoryStoreBody(body: unknown): MemoryStoreParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, FIELDS);
  return {
    name: requiredName(object, "name", MAX_NAME_LENGTH),
    description: nullableString(object, "description"),
    metadata: parseMetadata(object.metadata),
  };
}

/** Validates a `POST /memory_stores/{id}` body: a patch; `name` cannot be cleared, `metadata` merges. */
export function parseUpdateMemoryStoreBody(body: unknown): MemoryStorePatch {
  const object = requireBodyObject(body, true);
  rejectUnknownFields(object, FIELDS);
  return {
    name: updatedName(object, "name", MAX_NAME_LENGTH),
    description: updatedNullableString(object, "description"),
    metadata: updatedMetadata(object),
  };
}
