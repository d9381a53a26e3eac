import { invalidRequest } from "../api-error";
import type { Page } from "../domain/wire-types";

/** Listing direction by creation time. */
export type ListOrder = "asc" | "desc";

/** A validated page request. */
export interface PageRequest {
  limit: number;
  order: ListOrder;
  /** Creation sequence number of the last item of the previous page. */
  afterSeq?: number;
}

/** Page size when none is asked for. */
export const DEFAULT_LIMIT = 20;
/** Largest page size; more is a 400, not clamped (docs/api-contract.md#pagination). */
export const MAX_LIMIT = 100;
const CURSOR_PREFIX = "seq:";

/** Reads `limit` (1–100, default 20), `order` and the opaque `page` cursor (docs/api-contract.md#pagination). */
export function parsePageRequest(query: URLSearchParams, defaultOrder: ListOrder): PageRequest {
  for (const legacy of ["before_id", "after_id", "before", "after"]) {
    if (query.has(legacy)) {
      throw invalidRequest(`The emulator supports only the 'page' cursor; '${legacy}' is not implemented.`, legacy);
    }
  }
  return {
    limit: parseLimit(query.get("limit")),
    order: parseOrder(query.get("order"), defaultOrder),
    afterSeq: parsePageCursor(query.get("page"), "Query parameter 'page'"),
  };
}

/** Reads a boolean query flag such as `include_archived`. */
export function parseBooleanQuery(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalidRequest(`Query parameter '${name}' must be 'true' or 'false'.`, name);
}

/**
 * One page of `items` (given in creation order). The cursor names a position, not an index,
 * so items created or deleted between two page requests do not shift the next page.
 */
export function paginate<T extends { seq: number }>(items: readonly T[], request: PageRequest): { items: T[]; nextPage: string | null } {
  const ordered = request.order === "asc" ? [...items] : [...items].reverse();
  const after = request.afterSeq;
  const remaining =
    after === undefined ? ordered : ordered.filter((item) => (request.order === "asc" ? item.seq > after : item.seq < after));
  const pageItems = remaining.slice(0, request.limit);
  const hasMore = remaining.length > pageItems.length;
  return { items: pageItems, nextPage: hasMore ? encodeCursor(pageItems[pageItems.length - 1].seq) : null };
}

/**
 * The list envelope around already serialized objects. An item without an id (a memory store
 * entry) at either end of the page gives a `null` `first_id` or `last_id`.
 */
export function pageEnvelope<V extends object>(data: V[], nextPage: string | null): Page<V> {
  return {
    data,
    next_page: nextPage,
    first_id: idOf(data[0]),
    last_id: idOf(data[data.length - 1]),
    has_more: nextPage !== null,
  };
}

function idOf(item: object | undefined): string | null {
  return item !== undefined && "id" in item && typeof item.id === "string" ? item.id : null;
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT;
  const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw invalidRequest(`Query parameter 'limit' must be an integer between 1 and ${MAX_LIMIT}.`, "limit");
  }
  return limit;
}

function parseOrder(raw: string | null, fallback: ListOrder): ListOrder {
  if (raw === null) return fallback;
  if (raw === "asc" || raw === "desc") return raw;
  throw invalidRequest("Query parameter 'order' must be 'asc' or 'desc'.", "order");
}

function encodeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`).toString("base64url");
}

/**
 * The position an opaque `page` cursor (a previous `next_page`) points at; absent or empty means
 * the first page. `label` names where the cursor came from in the error message.
 */
export function parsePageCursor(raw: string | null | undefined, label: string): number | undefined {
  if (raw === null || raw === undefined || raw === "") return undefined;
  const decoded = Buffer.from(raw, "base64url").toString();
  const match = /^seq:(\d+)$/.exec(decoded);
  if (!match) throw invalidRequest(`${label} is not a valid page cursor.`, "page");
  return Number(match[1]);
}
