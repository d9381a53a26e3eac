import { invalidRequest } from "../api-error";
import type { AgentModel, AgentModelOptions, ModelEffort } from "../domain/agent-wire-types";
import { expectOneOf, isJsonObject, type JsonObject, optionalString, paramPath, rejectUnknownFields } from "./json-fields";

const EFFORTS: readonly ModelEffort["type"][] = ["low", "medium", "high", "xhigh", "max"];
const SPEEDS: readonly NonNullable<AgentModelOptions["speed"]>[] = ["standard", "fast"];

/**
 * Validates `model`: a non-empty model name, or `{id, context_window?, effort?, inference_geo?,
 * speed?}`. Options given `null` are left out; `effort` given as a string is turned into its
 * object form `{type}`.
 */
export function parseAgentModel(value: unknown, param = "model"): AgentModel {
  if (typeof value === "string" && value.length > 0) return value;
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be a model name or an object with an 'id'.`, param);
  rejectUnknownFields(value, ["id", "context_window", "effort", "inference_geo", "speed"], param);
  if (typeof value.id !== "string" || value.id.length === 0) {
    throw invalidRequest(`Field '${param}.id' must be a non-empty string.`, paramPath(param, "id"));
  }
  const model: AgentModelOptions = { id: value.id };
  const contextWindow = parseContextWindow(value, param);
  if (contextWindow !== undefined) model.context_window = contextWindow;
  if (value.effort !== undefined && value.effort !== null) model.effort = parseEffort(value.effort, paramPath(param, "effort"));
  const geo = optionalString(value, "inference_geo", param);
  if (geo !== undefined) model.inference_geo = geo;
  if (value.speed !== undefined && value.speed !== null) model.speed = expectOneOf(value.speed, SPEEDS, paramPath(param, "speed"));
  return model;
}

function parseContextWindow(model: JsonObject, parent: string): number | undefined {
  const value = model.context_window;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    const param = paramPath(parent, "context_window");
    throw invalidRequest(`Field '${param}' must be a positive integer.`, param);
  }
  return value;
}

/** `"high"` or `{type: "high"}`, answered as `{type: "high"}`. */
function parseEffort(value: unknown, param: string): ModelEffort {
  if (typeof value === "string") return { type: expectOneOf(value, EFFORTS, param) };
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an effort level or an object with its 'type'.`, param);
  rejectUnknownFields(value, ["type"], param);
  return { type: expectOneOf(value.type, EFFORTS, paramPath(param, "type")) };
}
