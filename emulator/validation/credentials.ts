import { invalidRequest, missingField } from "../api-error";
import type { RepositoryType } from "../domain/wire-types";
import { type JsonObject, paramPath, requiredNonEmptyString } from "./json-fields";

/**
 * The write-only credential of a repository entry, at create and on rotation alike:
 * `github_repository` takes `authorization_token`; `git_repository` takes `password`, or
 * `authorization_token` from legacy clients. Both given with different values is a conflict.
 */
export function parseRepositoryCredential(object: JsonObject, type: RepositoryType, parent?: string): string {
  const token = object.authorization_token;
  const password = object.password;
  if (token !== undefined && password !== undefined && token !== password) {
    throw invalidRequest(
      "Fields 'authorization_token' and 'password' were both given with different values; send one credential.",
      paramPath(parent, "password"),
    );
  }
  if (type === "github_repository") return requiredNonEmptyString(object, "authorization_token", parent);
  if (password !== undefined) return requiredNonEmptyString(object, "password", parent);
  if (token !== undefined) return requiredNonEmptyString(object, "authorization_token", parent);
  throw missingField(paramPath(parent, "password"));
}
