import { invalidRequest } from "../api-error";
import type { EnvironmentParams, EnvironmentPatch } from "../domain/environment-store";
import type { EnvironmentScope } from "../domain/environment-wire-types";
import { parseEnvironmentConfig } from "./environment-config";
import { type JsonObject, rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";
import { nullableString, requiredName, updatedMetadata, updatedName, updatedNullableString } from "./object-fields";

const FIELDS = ["name", "description", "config", "metadata", "scope"];
/** Longest environment name: the agents' 1–256, assumed for environments too. */
const MAX_NAME_LENGTH = 256;
const SCOPES: readonly EnvironmentScope[] = ["organization", "account"];

/**
 * Validates a `POST /environments` body: `name` required; `config` optional (absent or `null`:
 * a cloud environment with unrestricted networking and no packages); `scope` optional.
 */
export function parseCreateEnvironmentBody(body: unknown): EnvironmentParams {
  const object = requireBodyObject(body);
  rejectUnknownFields(object, FIELDS);
  const config = object.config === undefined || object.config === null ? undefined : parseEnvironmentConfig(object.config);
  const scope = parseScope(object) ?? undefined;
  return {
    name: requiredName(object, "name", MAX_NAME_LENGTH),
    description: nullableString(object, "description") ?? "",
    ...(config ? { config } : {}),
    metadata: parseMetadata(object.metadata),
    ...(scope ? { scope } : {}),
  };
}

/**
 * Validates a `POST /environments/{id}` body: a patch. `config` applies member by member
 * (`config: null` is a 400); `description: null` clears it; `scope: null` clears it; `metadata`
 * merges, a `null` or `""` value deleting the key.
 */
export function parseUpdateEnvironmentBody(body: unknown): EnvironmentPatch {
  const object = requireBodyObject(body, true);
  rejectUnknownFields(object, FIELDS);
  if (object.config === null) throw invalidRequest("Field 'config' cannot be cleared.", "config");
  const description = updatedNullableString(object, "description");
  return {
    name: updatedName(object, "name", MAX_NAME_LENGTH),
    description: description === undefined ? undefined : (description ?? ""),
    config: object.config === undefined ? undefined : parseEnvironmentConfig(object.config),
    metadata: updatedMetadata(object, true),
    scope: parseScope(object),
  };
}

/** `scope`: absent → `undefined`, `null` → `null`, else one of the two scopes. */
function parseScope(object: JsonObject): EnvironmentScope | null | undefined {
  const scope = object.scope;
  if (scope === undefined || scope === null) return scope;
  if (!SCOPES.includes(scope as EnvironmentScope)) throw invalidRequest("Field 'scope' must be 'organization' or 'account'.", "scope");
  return scope as EnvironmentScope;
}
