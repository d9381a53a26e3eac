import { invalidRequest } from "../api-error";
import type { FileResourceParams, RepositoryResourceParams, ResourceParams } from "../domain/session-params";
import type { Checkout, RepositoryType } from "../domain/wire-types";
import { parseRepositoryCredential } from "./credentials";
import {
  isJsonObject,
  type JsonObject,
  optionalString,
  paramPath,
  rejectUnknownFields,
  requiredNonEmptyString,
  requiredString,
} from "./json-fields";

const GITHUB_URL = /^https:\/\/github\.com\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
/**
 * The checkout reported for a repository created without one: the default branch, named by no
 * `name`, as the SDK allows a checkout to be (docs/api-contract.md#session-resources).
 */
const DEFAULT_CHECKOUT: Checkout = { type: "branch" };

/** Resource types that may only be attached when the session is created. */
export const CREATE_ONLY_RESOURCE_TYPES: readonly string[] = ["github_repository", "git_repository", "memory_store"];

/** The `resources` array of a create request; rejects two entries with the same mount path. */
export function parseResourceEntries(value: unknown): ResourceParams[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidRequest("Field 'resources' must be an array.", "resources");
  const entries = value.map((entry, index) => parseResourceEntry(entry, `resources[${index}]`));
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.mount_path)) {
      const param = `resources[${index}].mount_path`;
      throw invalidRequest(`Mount path '${entry.mount_path}' is used by more than one resource.`, param);
    }
    seen.add(entry.mount_path);
  });
  return entries;
}

function parseResourceEntry(entry: unknown, param: string): ResourceParams {
  if (!isJsonObject(entry)) throw invalidRequest(`Field '${param}' must be an object.`, param);
  const type = requiredString(entry, "type", param);
  switch (type) {
    case "github_repository":
    case "git_repository":
      return parseRepositoryEntry(entry, type, param);
    case "file":
      return parseFileEntry(entry, param);
    case "memory_store":
      throw invalidRequest("The emulator does not support 'memory_store' resources; use 'memory_store_ids'.", paramPath(param, "type"));
    default:
      throw invalidRequest(`Unsupported resource type '${type}'.`, paramPath(param, "type"));
  }
}

function parseRepositoryEntry(entry: JsonObject, type: RepositoryType, param: string): RepositoryResourceParams {
  const allowed = ["type", "url", "mount_path", "checkout", "authorization_token"];
  rejectUnknownFields(entry, type === "git_repository" ? [...allowed, "password"] : allowed, param);
  const url = requiredNonEmptyString(entry, "url", param);
  checkRepositoryUrl(url, type, paramPath(param, "url"));
  return {
    type,
    url,
    mount_path: parseMountPath(entry, param) ?? defaultRepositoryMountPath(url),
    checkout: parseCheckout(entry.checkout, paramPath(param, "checkout")),
    credential: parseRepositoryCredential(entry, type, param),
  };
}

/** A `file` entry, at create or through add-resource (`parent` undefined for a top-level body). */
export function parseFileEntry(entry: JsonObject, parent?: string): FileResourceParams {
  rejectUnknownFields(entry, ["type", "file_id", "mount_path"], parent);
  const fileId = requiredNonEmptyString(entry, "file_id", parent);
  if (!fileId.startsWith("file_")) {
    const param = paramPath(parent, "file_id");
    throw invalidRequest(`Field '${param}' must be a file id starting with 'file_'.`, param);
  }
  // Default mount path of a file (docs/api-contract.md#session-resources); older API documentation used /data/{file_id}.
  return { type: "file", file_id: fileId, mount_path: parseMountPath(entry, parent) ?? `/mnt/session/uploads/${fileId}` };
}

function checkRepositoryUrl(url: string, type: RepositoryType, param: string): void {
  if (type === "github_repository") {
    if (!GITHUB_URL.test(url)) {
      throw invalidRequest(`Field '${param}' must look like https://github.com/<owner>/<repo>.`, param);
    }
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Field '${param}' must be an https URL.`, param);
  }
  if (parsed.protocol !== "https:") throw invalidRequest(`Field '${param}' must be an https URL.`, param);
}

/**
 * Where a repository is mounted when the request names no path. `/data/workspace/<repo>` is the
 * value in the API documentation's examples; the rule itself is unconfirmed
 * (docs/api-contract.md#session-resources, docs/api-contract.md#choices-where-the-api-is-unconfirmed).
 */
function defaultRepositoryMountPath(url: string): string {
  const repoName = url
    .replace(/\/+$/, "")
    .split("/")
    .pop()!
    .replace(/\.git$/, "");
  return `/data/workspace/${repoName}`;
}

function parseMountPath(entry: JsonObject, parent?: string): string | undefined {
  const mountPath = optionalString(entry, "mount_path", parent);
  if (mountPath === undefined) return undefined;
  const param = paramPath(parent, "mount_path");
  if (!mountPath.startsWith("/") || mountPath.split("/").includes("..")) {
    throw invalidRequest(`Field '${param}' must be an absolute path without '..' segments.`, param);
  }
  return mountPath;
}

function parseCheckout(value: unknown, param: string): Checkout {
  if (value === undefined || value === null) return { ...DEFAULT_CHECKOUT };
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an object.`, param);
  const type = requiredString(value, "type", param);
  if (type === "branch") {
    rejectUnknownFields(value, ["type", "name"], param);
    return { type, name: requiredNonEmptyString(value, "name", param) };
  }
  if (type === "commit") {
    rejectUnknownFields(value, ["type", "sha"], param);
    return { type, sha: requiredNonEmptyString(value, "sha", param) };
  }
  throw invalidRequest(`Field '${param}.type' must be 'branch' or 'commit'.`, `${param}.type`);
}
