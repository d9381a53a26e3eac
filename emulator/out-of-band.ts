import { ApiError } from "./api-error";

/** Runs a test-side change, reporting API errors as plain errors that name the rule broken. */
export function outOfBand<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`Emulator rejected the change: ${error.message}`);
    throw error;
  }
}
