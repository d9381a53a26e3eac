import type { AgentInput } from "./inputs";

/** The agent as an id plus an optional pinned version. */
export function normalizeAgent(agent: AgentInput): { id: string; version?: number } {
  return typeof agent === "string" ? { id: agent } : { id: agent.id, version: agent.version };
}

/** True when both declarations bind the same agent and the same pinned version (or none). */
export function sameAgent(a: AgentInput, b: AgentInput): boolean {
  const x = normalizeAgent(a);
  const y = normalizeAgent(b);
  return x.id === y.id && (x.version ?? null) === (y.version ?? null);
}
