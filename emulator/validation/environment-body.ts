import { invalidRequest } from "../api-error";
import type { EnvironmentParams, EnvironmentPatch } from "../domain/environment-store";
import { DEFAULT_ENVIRONMENT_CONFIG, parseEnvironmentConfig } from "./environment-config";
import { rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";
import { nullableString, requiredName, updatedMetadata, updatedName, updatedNullableString } from "./object-fields";

const FIELDS = ["name", "description", "config", "metadata"];
/** Longest environment name: the agents' documented 1–256, assumed for environments too. */
const MAX_NAME_LENGTH = 256;

/**
 * Validates a `POST /environments` body: `name` required; `config` optional (the SDK's types make
 * it so), defaulting to a cloud environment with unrestricted networking.
 */
export function parseCreateEnvironmentBody(body: unknown): EnvironmentParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, FIELDS);
  const given = object.config;
  return {
    name: requiredName(object, "name", MAX_NAME_LENGTH),
    description: nullableString(object, "description"),
    config: given === undefined || given === null ? structuredClone(DEFAULT_ENVIRONMENT_CONFIG) : parseEnvironmentConfig(given),
    metadata: parseMetadata(object.metadata),
  };
}

/**
 * Validates a `POST /environments/{id}` body: a patch. `config`, when given, replaces the whole
 * config; `metadata` merges, a `null` or `""` value deleting the key (API notes §11).
 */
export function parseUpdateEnvironmentBody(body: unknown): EnvironmentPatch {
  const object = requireBodyObject(body, true);
  rejectUnknownFields(object, FIELDS);
  if (object.config === null) throw invalidRequest("Field 'config' cannot be cleared.", "config");
  return {
    name: updatedName(object, "name", MAX_NAME_LENGTH),
    description: updatedNullableString(object, "description"),
    config: object.config === undefined ? undefined : parseEnvironmentConfig(object.config),
    metadata: updatedMetadata(object, true),
  };
}
