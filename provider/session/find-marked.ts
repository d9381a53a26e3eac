/**
 * Finding the Sessions one create marked, after the API refused its repeated key
 * (docs/api-contract.md#idempotency): search (beta) first, the documented list when search shows
 * none live or the API does not offer search at all.
 */
import type { QoderClient } from "../api/client";
import type { SessionWire } from "../api/wire";
import { CREATE_MARKER } from "../dynamic/idempotency";
import { QoderApiError } from "../errors";

/**
 * The statuses that say `POST /sessions/search` is not available to this client, rather than that
 * something failed: 404 (the route is not there: the beta is not enabled or was renamed, or the
 * API reads `search` as a Session id), 405, 410 and 501 (the route is not, or no longer, served),
 * 400 and 422 (it does not take the request as this client sends it, an unknown beta header say)
 * and 403 (the token may not use it). The list answers the same question, so these lead to it.
 * A 401, a 429 or 5xx that outlasts the retries, or a network failure fails the create as before.
 */
const SEARCH_UNAVAILABLE = new Set([400, 403, 404, 405, 410, 422, 501]);

/** True when `error` is an answer of `POST /sessions/search` that means search is not available. */
export function isSearchUnavailable(error: unknown): boolean {
  return error instanceof QoderApiError && SEARCH_UNAVAILABLE.has(error.status);
}

/**
 * The clients that were told search is not available. A provider process keeps one client (built
 * again only when the provider is configured anew), so this remembers it for the process: the
 * next refused create goes straight to the list.
 */
const searchless = new WeakSet<QoderClient>();

/**
 * Every Session carrying the create marker `digest`, without fail: the search's answer when it
 * shows one live, else the full list (`GET /sessions`, every page) filtered by the marker, since a
 * search index may not show a Session made moments ago and the list shows every live one.
 */
export async function findMarkedSessions(client: QoderClient, digest: string): Promise<SessionWire[]> {
  if (!searchless.has(client)) {
    const found = await searchOrNothing(client, digest);
    if (found.some((session) => !session.archived_at)) return found;
  }
  return (await client.listSessions()).filter((session) => session.metadata?.[CREATE_MARKER] === digest);
}

/** The search's answer; empty, and remembered, when the API says search is not available. */
async function searchOrNothing(client: QoderClient, digest: string): Promise<SessionWire[]> {
  try {
    return await client.searchSessions({ [CREATE_MARKER]: digest });
  } catch (error) {
    if (!isSearchUnavailable(error)) throw error;
    searchless.add(client);
    const { status, errorType } = error as QoderApiError;
    console.log(
      `Session search (POST /sessions/search, beta) is not available here (${status} ${errorType}); ` +
        "finding Sessions by listing them (GET /sessions) instead.",
    );
    return [];
  }
}
