import { invalidRequest } from "../api-error";
import type { FileResourceParams, MemoryStoreResourceParams, RepositoryResourceParams, ResourceParams } from "../domain/session-params";
import type { Checkout, MemoryStoreAccess, RepositoryType } from "../domain/wire-types";
import { parseRepositoryCredential } from "./credentials";
import {
  isJsonObject,
  type JsonObject,
  optionalString,
  paramPath,
  rejectUnknownFields,
  requiredNonEmptyString,
  requiredString,
  requireHttpsUrl,
} from "./json-fields";

const GITHUB_URL = /^https:\/\/github\.com\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
/**
 * The checkout reported for a repository created without one: the default branch, named by no
 * `name`, as the SDK allows a checkout to be (docs/api-contract.md#session-resources).
 */
const DEFAULT_CHECKOUT: Checkout = { type: "branch" };

/** Resource types that may only be attached when the session is created. */
export const CREATE_ONLY_RESOURCE_TYPES: readonly string[] = ["github_repository", "git_repository", "memory_store"];

/**
 * Values of a memory store entry's `access`. This set is an assumption: no Qoder document we have
 * lists the values or the default (docs/api-contract.md#sessions), so the API may accept others.
 */
const MEMORY_STORE_ACCESS: readonly MemoryStoreAccess[] = ["read_write", "read_only"];

/**
 * The `resources` array of a create request, followed by the older `memory_store_ids` turned into
 * `memory_store` entries. Rejects two entries with the same mount path, or the same memory store
 * twice (whether named in `resources`, in `memory_store_ids` or in both).
 */
export function parseResourceEntries(value: unknown, memoryStoreIds: readonly string[] = []): ResourceParams[] {
  if (value !== undefined && value !== null && !Array.isArray(value)) {
    throw invalidRequest("Field 'resources' must be an array.", "resources");
  }
  const listed = (value ?? []).map((entry, index) => ({
    entry: parseResourceEntry(entry, `resources[${index}]`),
    param: `resources[${index}]`,
  }));
  const older = memoryStoreIds.map((id, index) => ({
    entry: { type: "memory_store", memory_store_id: id } as const,
    param: `memory_store_ids[${index}]`,
  }));
  const mountPaths = new Set<string>();
  const memoryStores = new Set<string>();
  for (const { entry, param } of [...listed, ...older]) {
    if (entry.type === "memory_store") {
      if (memoryStores.has(entry.memory_store_id)) {
        const where = param.startsWith("resources") ? `${param}.memory_store_id` : param;
        throw invalidRequest(`Memory store '${entry.memory_store_id}' is attached more than once.`, where);
      }
      memoryStores.add(entry.memory_store_id);
    } else {
      if (mountPaths.has(entry.mount_path)) {
        throw invalidRequest(`Mount path '${entry.mount_path}' is used by more than one resource.`, `${param}.mount_path`);
      }
      mountPaths.add(entry.mount_path);
    }
  }
  return [...listed, ...older].map(({ entry }) => entry);
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
      return parseMemoryStoreEntry(entry, param);
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

/**
 * A `memory_store` entry: `memory_store_id` (required, `memstore_…`), `access` and `instructions`
 * (optional). It takes no `mount_path`: the emulator reports none (docs/api-contract.md#sessions).
 */
function parseMemoryStoreEntry(entry: JsonObject, param: string): MemoryStoreResourceParams {
  rejectUnknownFields(entry, ["type", "memory_store_id", "access", "instructions"], param);
  const id = requiredNonEmptyString(entry, "memory_store_id", param);
  if (!id.startsWith("memstore_") || id.length === "memstore_".length) {
    const idParam = paramPath(param, "memory_store_id");
    throw invalidRequest(`Field '${idParam}' must be a memory store id starting with 'memstore_'.`, idParam);
  }
  const params: MemoryStoreResourceParams = { type: "memory_store", memory_store_id: id };
  const access = optionalString(entry, "access", param);
  if (access !== undefined) {
    if (!(MEMORY_STORE_ACCESS as readonly string[]).includes(access)) {
      const accessParam = paramPath(param, "access");
      throw invalidRequest(`Field '${accessParam}' must be one of ${MEMORY_STORE_ACCESS.map((a) => `'${a}'`).join(", ")}.`, accessParam);
    }
    params.access = access as MemoryStoreAccess;
  }
  const instructions = optionalString(entry, "instructions", param);
  if (instructions !== undefined) params.instructions = instructions;
  return params;
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
  requireHttpsUrl(url, param);
}

/**
 * Where a repository is mounted when the request names no path. `/data/workspace/<repo>` is the
 * value in the API documentation's examples; the rule itself is unconfirmed
 * (docs/api-contract.md#session-resources, docs/api-contract.md#choices-where-the-api-is-unconfirmed).
 */
function defaultRepositoryMountPath(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  const repoName = trimmed.slice(trimmed.lastIndexOf("/") + 1).replace(/\.git$/, "");
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
