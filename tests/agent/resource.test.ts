import { Agent } from "../../provider/agent/resource";
import { Session } from "../../provider/session/resource";
import { mockProgram, resolve } from "../mocked-program";

const registered = mockProgram((args) => {
  const agent = args.type.endsWith(":Agent");
  return { id: agent ? "agent_mock" : `sess_${args.name}`, state: { ...args.inputs, ...(agent ? { version: 3 } : {}) } };
});

const inputsOf = (name: string) => registered.find((args) => args.name === name)!.inputs;

describe("Agent resource and the Sessions that run it", () => {
  let agent: Agent;
  beforeAll(async () => {
    agent = new Agent("reviewer", { name: "reviewer", model: "ultimate" });
    const common = { environmentId: "env_1", repositories: [] };
    const pinned = new Session("pinned", { ...common, agent });
    const latest = new Session("latest", { ...common, agent: agent.id });
    await Promise.all([resolve(pinned.id), resolve(latest.id)]);
  });

  test("registers as pulumi-nodejs:dynamic/qoder:Agent and exposes the version the provider reports", async () => {
    expect(registered.find((args) => args.name === "reviewer")!.type).toBe("pulumi-nodejs:dynamic/qoder:Agent");
    expect(await resolve(agent.version)).toBe(3);
  });

  test("a Session given the Agent is pinned to its id and current version", () => {
    expect(inputsOf("pinned").agent).toEqual({ id: "agent_mock", version: 3 });
  });

  test("a Session given the Agent's id binds the latest version at create", () => {
    expect(inputsOf("latest").agent).toBe("agent_mock");
  });
});
