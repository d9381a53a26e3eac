import type { AgentModel, AgentModelOptions } from "./agent-wire-types";

/**
 * The model an agent gets from a create or update, as responses spell it. A string stays a string.
 * An object replaces the stored model whole, except that an update's object without `effort` keeps
 * the stored effort; an object left with nothing but `id` is answered as that bare id.
 */
export function resolvedAgentModel(given: AgentModel, current?: AgentModel): AgentModel {
  if (typeof given === "string") return given;
  const model: AgentModelOptions = structuredClone(given);
  if (model.effort === undefined && typeof current === "object" && current.effort !== undefined) model.effort = { ...current.effort };
  return Object.keys(model).length === 1 ? model.id : model;
}
