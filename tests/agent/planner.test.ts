import { agentProperties } from "../../provider/agent/model";
import { agentAsDeclared } from "../../provider/agent/read-back";
import { missingVersion, versionConflict } from "../../provider/agent/version-conflict";
import type { AgentWire } from "../../provider/api/wire";
import { createBody, diffProperties, remoteInputs, updatePatch } from "../../provider/dynamic/object-planner";
import { rulesOf } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { QoderMismatchError } from "../../provider/errors";
import { full, fullOnTheWire } from "./invalid-inputs";

const rules = rulesOf(agentProperties);

/** The agent as the API would hold `full`, at `version`. */
const wire = (version: number, patch: Record<string, unknown> = {}): AgentWire => ({
  id: "agent_1",
  type: "agent",
  version,
  ...fullOnTheWire,
  archived_at: null,
  ...patch,
});

describe("create body", () => {
  test("every property in snake_case at every depth; metadata keys as written", () => {
    const body = createBody(rules, { ...full, metadata: { camelKey: "v" } });
    expect(body).toEqual({ ...fullOnTheWire, metadata: { camelKey: "v" } });
  });

  test("a model object is sent as an object", () => {
    expect(createBody(rules, { name: "a", model: { id: "ultimate", effort: "high" } }).model).toEqual({ id: "ultimate", effort: "high" });
  });
});

describe("diff", () => {
  test.each([
    ["name", { name: "renamed" }],
    ["model", { model: { id: "ultimate", effort: "max" } }],
    ["system", { system: "You review carefully." }],
    ["description", { description: undefined }],
    ["tools", { tools: [{ type: "agent_toolset_20260401", enabledTools: ["bash"] }] }],
    ["mcpServers", { mcpServers: [{ type: "url", name: "weather", url: "https://mcp.example.com/v2" }], tools: [] }],
    ["skills", { skills: [] }],
    ["metadata", { metadata: { team: "web" } }],
  ])("a change of %s updates in place: nothing replaces an agent", (_name, patch) => {
    expect(diffProperties(rules, full, { ...full, ...patch })).toEqual(expect.objectContaining({ changes: true, replaces: [] }));
  });

  test('"ultimate" and { id: "ultimate" } are the same model', () => {
    expect(diffProperties(rules, full, { ...full, model: { id: "ultimate" } })).toEqual({ changes: false, replaces: [] });
  });

  test("the version in state is no input: it never makes a change", () => {
    expect(diffProperties(rules, { ...full, version: 1 }, full)).toEqual({ changes: false, replaces: [] });
  });

  test("a value unknown during preview counts as changed", () => {
    expect(diffProperties(rules, full, { ...full, system: UNKNOWN }).changes).toBe(true);
  });
});

describe("update patch", () => {
  test("only the changed properties: lists whole, metadata as a merge patch, a cleared text as null", () => {
    const news = {
      ...full,
      system: "You review carefully.",
      description: undefined,
      tools: [{ type: "agent_toolset_20260401", enabledTools: ["bash", "read", "grep"] }],
      mcpServers: [],
      metadata: { owner: "ci" },
    };
    expect(updatePatch(rules, full, news)).toEqual({
      system: "You review carefully.",
      description: null,
      tools: [{ type: "agent_toolset_20260401", enabled_tools: ["bash", "read", "grep"] }],
      mcp_servers: [],
      metadata: { team: null, owner: "ci" },
    });
  });

  test("nothing changed: nothing to send", () => {
    expect(updatePatch(rules, full, { ...full })).toBeUndefined();
  });
});

describe("refresh reads only what the inputs declare", () => {
  const read = (agent: AgentWire, stored: Record<string, unknown> = full) => remoteInputs(rules, agentAsDeclared(agent, stored), stored);

  test("resolved defaults the API adds inside tools, skills and the model are no drift", () => {
    const resolved = wire(3, {
      model: { id: "ultimate", effort: "medium", speed: "standard" },
      tools: [
        { type: "agent_toolset_20260401", enabled_tools: ["bash", "read"], configs: [], default_config: { enabled: true } },
        { type: "mcp_toolset", mcp_server_name: "weather", configs: [], default_config: { enabled: true } },
      ],
      skills: [{ type: "custom", skill_id: "skill_019e5cdb", version: "2" }],
    });
    expect(read(resolved)).toEqual(full);
  });

  test("a skill declared without a version is no drift when the API names the version it resolved", () => {
    const stored = { ...full, skills: [{ type: "qoder", skillId: "xlsx" }] };
    expect(read(wire(1, { skills: [{ type: "qoder", skill_id: "xlsx", version: "20261101" }] }), stored)).toEqual(stored);
  });

  test("settings the inputs declare are compared; changes made outside Pulumi are recorded in input terms", () => {
    const stored = { ...full, model: { id: "ultimate", effort: "high" } };
    const changed = wire(4, {
      model: { id: "ultimate", effort: "low", speed: "fast" },
      system: "Changed in the console.",
      tools: [{ type: "agent_toolset_20260401", enabled_tools: ["read"], configs: [] }],
      metadata: { team: "platform", owner: "console" },
    });
    expect(read(changed, stored)).toEqual({
      ...stored,
      model: { id: "ultimate", effort: "low" },
      system: "Changed in the console.",
      tools: [{ type: "agent_toolset_20260401", enabledTools: ["read"] }],
      metadata: { team: "platform", owner: "console" },
    });
  });

  test("a model given by id reads back as the id, whatever settings the API resolved", () => {
    expect(read(wire(1, { model: { id: "ultimate", effort: "high" } })).model).toBe("ultimate");
    expect(read(wire(1, { model: { id: "swift" } })).model).toBe("swift");
  });

  test("a model declared with settings and reported as its bare id (as the API does) is no drift; another id is", () => {
    const byObject = { ...full, model: { id: "ultimate", effort: "high" } };
    expect(read(wire(1, { model: "ultimate" }), byObject)).toEqual(byObject);
    expect(read(wire(1, { model: "efficient" }), byObject).model).toEqual({ id: "efficient" });
  });

  test("an effort reported in its object form reads as the level", () => {
    const byObject = { ...full, model: { id: "ultimate", effort: "high" } };
    expect(read(wire(1, { model: { id: "ultimate", effort: { type: "high" } } }), byObject)).toEqual(byObject);
    expect(read(wire(1, { model: { id: "ultimate", effort: { type: "max" } } }), byObject).model).toEqual({
      id: "ultimate",
      effort: "max",
    });
  });

  test("a model the API reports in a form no declaration has reads back as it came, so the next preview shows it", () => {
    expect(read(wire(1, { model: { name: "Ultimate", effort: "high" } })).model).toEqual({ name: "Ultimate", effort: "high" });
    expect(read(wire(1, { model: null })).model).toBeUndefined();
  });

  test("tools, MCP servers and skills that are not objects read back as they came", () => {
    const odd = read(wire(1, { tools: ["bash"], mcp_servers: [null], skills: ["xlsx"] }));
    expect(odd).toEqual(expect.objectContaining({ tools: ["bash"], mcpServers: [null], skills: ["xlsx"] }));
  });
});

describe("version conflict", () => {
  test("names both versions and says to refresh, then up", () => {
    const error = versionConflict("agent_1", 2, wire(3));
    expect(error).toBeInstanceOf(QoderMismatchError);
    expect(error!.status).toBe(409);
    expect(error!.message).toBe(
      "Agent agent_1 was changed outside Pulumi: the stack's state holds version 2, the API holds version 3. " +
        "Nothing was changed. Run `pulumi refresh --run-program` to take that change into the stack's state, then `pulumi up` to apply the program to it",
    );
  });

  test("an agent archived or deleted meanwhile says so", () => {
    expect(versionConflict("agent_1", 2, wire(2, { archived_at: "2026-11-25T10:00:00Z" }))!.message).toMatch(
      /^Agent agent_1 was archived at 2026-11-25T10:00:00Z outside Pulumi.*`pulumi refresh --run-program`.*`pulumi up`/,
    );
    expect(versionConflict("agent_1", 2, undefined)!.message).toMatch(
      /^Agent agent_1 was deleted outside Pulumi.*`pulumi refresh --run-program`/,
    );
    expect(versionConflict("agent_1", 2, undefined)!.status).toBe(409);
  });

  test("a 409 while the API holds the version in state is not a version conflict", () => {
    expect(versionConflict("agent_1", 2, wire(2))).toBeUndefined();
  });

  test("state without a version is never sent blindly", () => {
    expect(missingVersion("agent_1").message).toMatch(/holds no version.*`pulumi refresh --run-program`/);
  });
});
