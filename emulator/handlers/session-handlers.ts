import { invalidRequest, sessionNotFound } from "../api-error";
import { sessionView } from "../domain/views";
import type { CancelAcknowledgement, SessionDeleted } from "../domain/wire-types";
import { pageEnvelope, paginate, parseBooleanQuery, parsePageRequest } from "../http/pagination";
import { parseCreateSessionBody } from "../validation/create-session-body";
import { parseSearchSessionsBody } from "../validation/search-sessions-body";
import { parseUpdateSessionBody } from "../validation/update-session-body";
import { type Handler, pathParam } from "./handler";

/** `POST /sessions` → 201 Session. */
export const createSession: Handler = ({ body, state }) => ({
  status: 201,
  body: sessionView(state.sessions.create(parseCreateSessionBody(body))),
});

/** `GET /sessions/{session_id}` → Session, archived ones included. */
export const getSession: Handler = (call) => ({
  status: 200,
  body: sessionView(call.state.sessions.require(pathParam(call, "session_id"))),
});

/** `GET /sessions` → page of Sessions, newest first by default, archived hidden by default. */
export const listSessions: Handler = ({ query, state }) => {
  const request = parsePageRequest(query, "desc");
  const includeArchived = parseBooleanQuery(query, "include_archived", false);
  const page = paginate(state.sessions.list(includeArchived), request);
  return { status: 200, body: pageEnvelope(page.items.map(sessionView), page.nextPage) };
};

/** The opt-in header session search requires (docs/api-contract.md#base-url-and-authentication). */
const SEARCH_BETA = "search-2026-08-31";

/**
 * `POST /sessions/search` (beta) → page of Sessions whose metadata has every requested key with
 * exactly the requested value, plus `total` (all matches, not just this page) on the first page.
 * A read: the route ignores `Idempotency-Key`.
 */
export const searchSessions: Handler = ({ headers, body, state }) => {
  // The header may list several betas, comma-separated; one of them must be search's.
  const betas = [headers["x-qoder-beta"] ?? []].flat().flatMap((value) => value.split(","));
  if (!betas.some((beta) => beta.trim() === SEARCH_BETA)) {
    throw invalidRequest(`Session search is in beta: send the header 'x-qoder-beta: ${SEARCH_BETA}'.`);
  }
  const search = parseSearchSessionsBody(body);
  const matches = state.sessions
    .list(search.includeArchived)
    .filter(({ session }) => Object.entries(search.metadata).every(([key, value]) => session.metadata[key] === value));
  const page = paginate(matches, search.page);
  const envelope = pageEnvelope(page.items.map(sessionView), page.nextPage);
  return { status: 200, body: search.firstPage ? { ...envelope, total: matches.length } : envelope };
};

/** `POST /sessions/{session_id}` → updated Session. */
export const updateSession: Handler = (call) => {
  const sessionId = pathParam(call, "session_id");
  call.state.sessions.require(sessionId);
  const patch = parseUpdateSessionBody(call.body);
  return { status: 200, body: sessionView(call.state.sessions.update(sessionId, patch)) };
};

/** `POST /sessions/{session_id}/archive` → Session with `archived_at` set. */
export const archiveSession: Handler = (call) => ({
  status: 200,
  body: sessionView(call.state.sessions.archive(pathParam(call, "session_id"))),
});

/** `DELETE /sessions/{session_id}` → deletion marker. */
export const deleteSession: Handler = (call) => {
  const sessionId = pathParam(call, "session_id");
  call.state.sessions.delete(sessionId);
  const body: SessionDeleted = { id: sessionId, type: "session_deleted" };
  return { status: 200, body };
};

/**
 * `POST /sessions/{session_id}/cancel`. The emulator runs no turns, so this is always the idle
 * no-op: 200. The API answers `status: "canceling"` in both the idle and the running case
 * (docs/api-contract.md#sessions).
 */
export const cancelSession: Handler = (call) => {
  const sessionId = pathParam(call, "session_id");
  // An archived session answers 404 (docs/api-contract.md#sessions).
  if (call.state.sessions.require(sessionId).session.archived_at !== null) throw sessionNotFound(sessionId);
  const body: CancelAcknowledgement = { id: sessionId, type: "session", status: "canceling" };
  return { status: 200, body };
};
