/**
 * The no-op Pulumi program: the root program itself ({@link declareSessions}, the same config and
 * stack outputs) with each Session served by the no-op provider.
 */
import { declareSessions } from "../../program/declare-sessions";
import { NoopSession } from "./session";

const stack = declareSessions((name, args) => new NoopSession(name, args));

export const sessionIds = stack.sessionIds;
export const mounts = stack.mounts;
