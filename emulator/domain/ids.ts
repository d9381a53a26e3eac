import { randomBytes } from "node:crypto";

/** 32 hex digits laid out like a UUIDv7: the first 12 are the creation time in milliseconds. */
function timeOrderedHex(nowMs: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytes.toString("hex");
}

/**
 * A Session id: `sess_` + 32 hex digits laid out like a UUIDv7
 * (docs/api-contract.md#identifiers-and-limits).
 */
export function newSessionId(nowMs: number): string {
  return `sess_${timeOrderedHex(nowMs)}`;
}

/**
 * An agent, environment, memory store, vault or vault credential id: `prefix` + 32 hex digits
 * laid out like a UUIDv7, as the documented agent and environment ids are
 * (`agent_019e390add9f7bac9b6cc806db46fcbd`). The layout of the other three is unconfirmed.
 */
export function newObjectId(prefix: string, nowMs: number): string {
  return `${prefix}${timeOrderedHex(nowMs)}`;
}

/** A session resource id: `sesr_` + 24 hex digits. */
export function newResourceId(): string {
  return `sesr_${randomBytes(12).toString("hex")}`;
}

/** The forms of the ids above. */
export const SESSION_ID_FORM = /^sess_[0-9a-f]{32}$/;
export const RESOURCE_ID_FORM = /^sesr_[0-9a-f]{24}$/;
