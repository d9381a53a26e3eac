import { invalidRequest } from "../api-error";
import type { CustomTool } from "../domain/agent-wire-types";
import { expectObject, type JsonObject, paramPath, rejectUnknownFields, requiredString } from "./json-fields";

/** A custom tool's name: 1 to 128 letters, digits, `_` and `-`. */
const TOOL_NAME_FORM = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Validates a `custom` tool, `{type, name, description, input_schema}`, all required. The schema
 * must be an object and is answered exactly as given, whatever keywords it holds.
 */
export function parseCustomTool(tool: JsonObject, param: string): CustomTool {
  rejectUnknownFields(tool, ["type", "name", "description", "input_schema"], param);
  const name = requiredString(tool, "name", param);
  if (!TOOL_NAME_FORM.test(name)) {
    throw invalidRequest(`Field '${param}.name' must be 1 to 128 letters, digits, '_' or '-'.`, paramPath(param, "name"));
  }
  const description = requiredString(tool, "description", param);
  if (tool.input_schema === undefined) throw invalidRequest(`Field '${param}.input_schema' is required.`, paramPath(param, "input_schema"));
  const schema = expectObject(tool.input_schema, paramPath(param, "input_schema"));
  return { type: "custom", name, description, input_schema: structuredClone(schema) };
}
