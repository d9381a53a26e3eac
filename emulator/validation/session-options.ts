import { invalidRequest } from "../api-error";
import type { SessionBudget } from "../domain/wire-types";
import { expectObject, expectOneOf, isJsonObject, objectArray, paramPath, rejectUnknownFields, requiredString } from "./json-fields";

/** An amount in minor units: an integer decimal string. */
const AMOUNT_FORM = /^(0|[1-9]\d*)$/;
/** An ISO 4217 currency code. */
const CURRENCY_FORM = /^[A-Z]{3}$/;

/**
 * Session members the emulator checks and keeps (or, for `initial_events`, only checks): they
 * shape no other behaviour.
 */

/** `budget`: `{type: "limit", max_list_cost: {amount, currency}}`, amount an integer string, currency an ISO 4217 code. */
export function parseSessionBudget(value: unknown): SessionBudget {
  const budget = expectObject(value, "budget");
  rejectUnknownFields(budget, ["type", "max_list_cost"], "budget");
  expectOneOf(budget.type, ["limit"] as const, "budget.type");
  if (budget.max_list_cost === undefined) throw invalidRequest("Field 'budget.max_list_cost' is required.", "budget.max_list_cost");
  const cost = expectObject(budget.max_list_cost, "budget.max_list_cost");
  rejectUnknownFields(cost, ["amount", "currency"], "budget.max_list_cost");
  const amount = requiredString(cost, "amount", "budget.max_list_cost");
  if (!AMOUNT_FORM.test(amount)) {
    throw invalidRequest(
      "Field 'budget.max_list_cost.amount' must be an integer amount in minor units, as a string.",
      "budget.max_list_cost.amount",
    );
  }
  const currency = requiredString(cost, "currency", "budget.max_list_cost");
  if (!CURRENCY_FORM.test(currency)) {
    throw invalidRequest("Field 'budget.max_list_cost.currency' must be an ISO 4217 currency code.", "budget.max_list_cost.currency");
  }
  return { type: "limit", max_list_cost: { amount, currency } };
}

/** `initial_events`: an array of event objects, each with a non-empty string `type`. Nothing runs them. */
export function checkInitialEvents(value: unknown): void {
  objectArray(value, "initial_events").forEach((event, index) => {
    const param = paramPath(`initial_events[${index}]`, "type");
    if (typeof event.type !== "string" || event.type.length === 0)
      throw invalidRequest(`Field '${param}' must be a non-empty string.`, param);
  });
}

/** `environment_variables`: an object of strings; absent or `null` → `{}`. */
export function parseEnvironmentVariables(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  const param = "environment_variables";
  if (!isJsonObject(value)) throw invalidRequest(`Field '${param}' must be an object of strings.`, param);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalidRequest(`Field '${param}.${key}' must be a string.`, `${param}.${key}`);
  }
  return { ...(value as Record<string, string>) };
}
