import { invalidRequest } from "../api-error";
import { pageEnvelope, paginate, parsePageRequest } from "../http/pagination";
import { parseCreateAgentBody, parseUpdateAgentBody } from "../validation/agent-body";
import { type Handler, type HandlerCall, pathParam } from "./handler";
import { archiveObject, listObjects, objectView } from "./object-handlers";

const agents = (call: HandlerCall) => call.state.agents;

/** `POST /agents` → 201 Agent at version 1. */
export const createAgent: Handler = ({ body, state }) => ({
  status: 201,
  body: objectView(state.agents.create(parseCreateAgentBody(body))),
});

/** `GET /agents` → page of Agents (each at its latest version). */
export const listAgents = listObjects(agents);

/** `GET /agents/{agent_id}` → the latest version, or with `?version=N` that version (404 when there is none). */
export const getAgent: Handler = (call) => {
  const id = pathParam(call, "agent_id");
  const stored = call.state.agents.require(id);
  const raw = call.query.get("version");
  if (raw === null) return { status: 200, body: objectView(stored) };
  if (!/^[1-9]\d*$/.test(raw)) throw invalidRequest("Query parameter 'version' must be a positive integer.", "version");
  return { status: 200, body: structuredClone(call.state.agents.version(id, Number(raw))) };
};

/** `POST /agents/{agent_id}` → the agent at its new version; 409 when `version` is not the latest. */
export const updateAgent: Handler = (call) => {
  const id = pathParam(call, "agent_id");
  call.state.agents.require(id);
  const patch = parseUpdateAgentBody(call.body);
  return { status: 200, body: objectView(call.state.agents.update(id, patch)) };
};

/** `POST /agents/{agent_id}/archive` → Agent with `archived_at` set. */
export const archiveAgent = archiveObject(agents, "agent_id");

/** `GET /agents/{agent_id}/versions` → page of the agent's versions, newest first by default. */
export const listAgentVersions: Handler = (call) => {
  const versions = call.state.agents.versions(pathParam(call, "agent_id")).map((agent) => ({ seq: agent.version, agent }));
  const page = paginate(versions, parsePageRequest(call.query, "desc"));
  return {
    status: 200,
    body: pageEnvelope(
      page.items.map((item) => structuredClone(item.agent)),
      page.nextPage,
    ),
  };
};
