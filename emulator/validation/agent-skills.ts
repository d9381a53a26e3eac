import { invalidRequest } from "../api-error";
import type { AgentSkill } from "../domain/agent-wire-types";
import { expectOneOf, objectArray, optionalString, paramPath, rejectUnknownFields, requiredNonEmptyString } from "./json-fields";

/** Most skills an agent may have. */
const MAX_SKILLS = 20;
/** The version a skill given without one is answered with (the API resolves "latest" to a version string). */
const RESOLVED_SKILL_VERSION = "1";

/** Validates `skills` (at most 20): `{type: "qoder" | "custom", skill_id, version?}`, `version` resolved when left out. */
export function parseAgentSkills(value: unknown): AgentSkill[] {
  const skills = objectArray(value, "skills");
  if (skills.length > MAX_SKILLS) throw invalidRequest(`An agent has at most ${MAX_SKILLS} skills.`, "skills");
  return skills.map((skill, index) => {
    const param = `skills[${index}]`;
    rejectUnknownFields(skill, ["type", "skill_id", "version"], param);
    return {
      type: expectOneOf(skill.type, ["qoder", "custom"] as const, paramPath(param, "type")),
      skill_id: requiredNonEmptyString(skill, "skill_id", param),
      version: optionalString(skill, "version", param) ?? RESOLVED_SKILL_VERSION,
    };
  });
}
