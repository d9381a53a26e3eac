import { sessionNotFound } from "../api-error";
import { sessionView } from "../domain/views";
import type { CancelAcknowledgement, SessionDeleted } from "../domain/wire-types";
import { pageEnvelope, paginate, parseBooleanQuery, parsePageRequest } from "../http/pagination";
import { parseCreateSessionBody } from "../validation/create-session-body";
import { parseUpdateSessionBody } from "../validation/update-session-body";
import { type Handler, pathParam } from "./handler";

/** `POST /sessions` → 201 Session. */
export const createSession: Handler = ({ body, store }) => ({
  status: 201,
  body: sessionView(store.create(parseCreateSessionBody(body))),
});

/** `GET /sessions/{session_id}` → Session, archived ones included. */
export const getSession: Handler = (call) => ({
  status: 200,
  body: sessionView(call.store.require(pathParam(call, "session_id"))),
});

/** `GET /sessions` → page of Sessions, newest first by default, archived hidden by default. */
export const listSessions: Handler = ({ query, store }) => {
  const request = parsePageRequest(query, "desc");
  const includeArchived = parseBooleanQuery(query, "include_archived", false);
  const page = paginate(store.list(includeArchived), request);
  return { status: 200, body: pageEnvelope(page.items.map(sessionView), page.nextPage) };
};

/** `POST /sessions/{session_id}` → updated Session. */
export const updateSession: Handler = (call) => {
  const sessionId = pathParam(call, "session_id");
  call.store.require(sessionId);
  const patch = parseUpdateSessionBody(call.body);
  return { status: 200, body: sessionView(call.store.update(sessionId, patch)) };
};

/** `POST /sessions/{session_id}/archive` → Session with `archived_at` set. */
export const archiveSession: Handler = (call) => ({
  status: 200,
  body: sessionView(call.store.archive(pathParam(call, "session_id"))),
});

/** `DELETE /sessions/{session_id}` → deletion marker. */
export const deleteSession: Handler = (call) => {
  const sessionId = pathParam(call, "session_id");
  call.store.delete(sessionId);
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
  if (call.store.require(sessionId).session.archived_at !== null) throw sessionNotFound(sessionId);
  const body: CancelAcknowledgement = { id: sessionId, type: "session", status: "canceling" };
  return { status: 200, body };
};
