import type { StoredAgent } from "./agent-store";
import type { Agent } from "./object-wire-types";

/** An agent as a test sees it: its latest version, plus every version, oldest first. */
export interface EmulatedAgent extends Agent {
  versions: Agent[];
}

/** A deep copy of the agent for tests, earlier versions included. */
export function emulatedAgent(stored: StoredAgent): EmulatedAgent {
  return { ...structuredClone(stored.object), versions: structuredClone([...stored.earlier, stored.object]) };
}
