/**
 * The root program: Qoder Sessions declared from stack config (`qoder-sessions:sessions`), one
 * stack per environment. See README.md and Pulumi.example.yaml.
 */
import { Session } from "pulumi-qoder";
import { declareSessions } from "./declare-sessions";

const stack = declareSessions((name, args) => new Session(name, args));

/** Session ids by declared name. */
export const sessionIds = stack.sessionIds;
/** What each Session mounts, without tokens. */
export const mounts = stack.mounts;
