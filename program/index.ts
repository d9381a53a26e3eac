/**
 * The root program: Qoder Sessions declared from stack config (`qoder-sessions:sessions`), with
 * the agents and environments they use (`qoder-sessions:agents`, `qoder-sessions:environments`),
 * one stack per environment. See README.md and Pulumi.example.yaml.
 */
import { Session } from "pulumi-qoder";
import { declarePlatform } from "./declare-platform";
import { declareSessions } from "./declare-sessions";

const platform = declarePlatform();
const stack = declareSessions((name, args) => new Session(name, args), platform);

/** Session ids by declared name. */
export const sessionIds = stack.sessionIds;
/** What each Session mounts, without tokens. */
export const mounts = stack.mounts;
/** Each declared agent's current version, by key. */
export const agentVersions = Object.fromEntries(Object.entries(platform.agents).map(([key, agent]) => [key, agent.version]));
/** Each declared environment's id, by key. */
export const environmentIds = Object.fromEntries(Object.entries(platform.environments).map(([key, env]) => [key, env.id]));
