import { invalidRequest } from "../api-error";
import { DEFAULT_LIMIT, type ListOrder, MAX_LIMIT, type PageRequest, parsePageCursor } from "../http/pagination";
import { isJsonObject, optionalString, rejectUnknownFields, requireBodyObject } from "./json-fields";
import { parseMetadata } from "./metadata";

/** A validated `POST /sessions/search` body. */
export interface SessionSearch {
  /** Exact match on every key (ANDed); empty matches every session. */
  metadata: Record<string, string>;
  includeArchived: boolean;
  page: PageRequest;
  /** True when no `page` cursor was sent: only the first page carries `total`. */
  firstPage: boolean;
}

/**
 * Filters the search documents (docs/api-contract.md#sessions) that the emulator does not
 * implement; each answers 400 rather than being silently ignored.
 */
const UNIMPLEMENTED_FILTERS = ["name", "statuses", "agent_id", "agent_version", "deployment_id", "memory_store_id", "created_at"];

/**
 * Validates a search body: `metadata`, `include_archived` (default false), `limit` (1–100,
 * default 20), `page` (a previous `next_page`) and `order` (default `desc`). Paging fields are the
 * list endpoints' query parameters, carried in JSON (docs/api-contract.md#pagination).
 */
export function parseSearchSessionsBody(body: unknown): SessionSearch {
  const object = requireBodyObject(body, true);
  for (const filter of UNIMPLEMENTED_FILTERS) {
    if (object[filter] !== undefined) {
      throw invalidRequest(`The emulator does not implement the search filter '${filter}'.`, filter);
    }
  }
  rejectUnknownFields(object, ["metadata", "include_archived", "limit", "page", "order"]);
  if (object.metadata !== undefined && object.metadata !== null && !isJsonObject(object.metadata)) {
    throw invalidRequest("Field 'metadata' must be an object of strings.", "metadata");
  }
  const afterSeq = parsePageCursor(optionalString(object, "page"), "Field 'page'");
  return {
    metadata: parseMetadata(object.metadata),
    includeArchived: parseIncludeArchived(object.include_archived),
    page: { limit: parseLimit(object.limit), order: parseOrder(object.order), afterSeq },
    firstPage: afterSeq === undefined,
  };
}

function parseIncludeArchived(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw invalidRequest("Field 'include_archived' must be a boolean.", "include_archived");
  return value;
}

function parseLimit(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_LIMIT;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw invalidRequest(`Field 'limit' must be an integer between 1 and ${MAX_LIMIT}.`, "limit");
  }
  return value;
}

/** Sessions search newest first by default, as they list. */
function parseOrder(value: unknown): ListOrder {
  if (value === undefined || value === null) return "desc";
  if (value === "asc" || value === "desc") return value;
  throw invalidRequest("Field 'order' must be 'asc' or 'desc'.", "order");
}
