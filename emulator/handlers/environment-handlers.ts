import { parseCreateEnvironmentBody, parseUpdateEnvironmentBody } from "../validation/environment-body";
import { type Handler, type HandlerCall, pathParam } from "./handler";
import { archiveObject, deleteObject, getObject, listObjects, objectView } from "./object-handlers";

const environments = (call: HandlerCall) => call.state.environments;

/** `POST /environments` → 201 Environment. */
export const createEnvironment: Handler = ({ body, state }) => ({
  status: 201,
  body: objectView(state.environments.create(parseCreateEnvironmentBody(body))),
});

/** `GET /environments` → page of Environments. */
export const listEnvironments = listObjects(environments);

/** `GET /environments/{environment_id}` → Environment. */
export const getEnvironment = getObject(environments, "environment_id");

/** `POST /environments/{environment_id}` → updated Environment. */
export const updateEnvironment: Handler = (call) => {
  const id = pathParam(call, "environment_id");
  call.state.environments.require(id);
  const patch = parseUpdateEnvironmentBody(call.body);
  return { status: 200, body: objectView(call.state.environments.update(id, patch)) };
};

/** `POST /environments/{environment_id}/archive` → Environment with `archived_at` set. */
export const archiveEnvironment = archiveObject(environments, "environment_id");

/** `DELETE /environments/{environment_id}` → `{id, type: "environment_deleted"}`; 409 while live sessions use it. */
export const deleteEnvironment = deleteObject(environments, "environment_id", "environment_deleted");
