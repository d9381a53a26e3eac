import { resourceView } from "../domain/views";
import type { SessionResourceDeleted } from "../domain/wire-types";
import { pageEnvelope, paginate, parsePageRequest } from "../http/pagination";
import { parseAddResourceBody, parseCredentialRotationBody } from "../validation/resource-request-bodies";
import { type Handler, pathParam } from "./handler";

/** `GET /sessions/{session_id}/resources` → page of resources, oldest first by default. */
export const listResources: Handler = (call) => {
  const stored = call.state.sessions.require(pathParam(call, "session_id"));
  const page = paginate(stored.resources, parsePageRequest(call.query, "asc"));
  return { status: 200, body: pageEnvelope(page.items.map(resourceView), page.nextPage) };
};

/** `GET /sessions/{session_id}/resources/{resource_id}` → resource. */
export const getResource: Handler = (call) => ({
  status: 200,
  body: resourceView(call.state.sessions.requireResource(pathParam(call, "session_id"), pathParam(call, "resource_id"))),
});

/** `POST /sessions/{session_id}/resources` → the added `file` resource. */
export const addResource: Handler = (call) => {
  const sessionId = pathParam(call, "session_id");
  call.state.sessions.require(sessionId);
  const params = parseAddResourceBody(call.body);
  return { status: 200, body: resourceView(call.state.sessions.addFile(sessionId, params)) };
};

/** `POST /sessions/{session_id}/resources/{resource_id}` → resource after credential rotation. */
export const rotateResourceCredential: Handler = (call) => {
  const sessionId = pathParam(call, "session_id");
  const resourceId = pathParam(call, "resource_id");
  const credential = parseCredentialRotationBody(call.body, call.state.sessions.requireResource(sessionId, resourceId));
  return { status: 200, body: resourceView(call.state.sessions.rotateCredential(sessionId, resourceId, credential)) };
};

/** `DELETE /sessions/{session_id}/resources/{resource_id}` → deletion marker. */
export const deleteResource: Handler = (call) => {
  const resourceId = pathParam(call, "resource_id");
  call.state.sessions.deleteResource(pathParam(call, "session_id"), resourceId);
  const body: SessionResourceDeleted = { id: resourceId, type: "session_resource_deleted" };
  return { status: 200, body };
};
