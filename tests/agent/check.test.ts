import { AgentProvider } from "../../provider/agent/provider";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { full, invalid, server, valid } from "./invalid-inputs";

// No API is configured: `check` must decide without one.
const provider = new AgentProvider({ apiUrl: "http://127.0.0.1:9", token: "unused" });
const check = (inputs: Record<string, unknown>) => provider.check({} as never, inputs as never);

describe("check: valid inputs pass", () => {
  test.each([
    ["name and model", valid],
    ["every property", full],
    ["model object", { ...valid, model: { id: "ultimate", effort: "high", speed: "fast" } }],
    ["a name of 256 characters", { ...valid, name: "n".repeat(256) }],
    ["20 skills", { ...valid, skills: Array.from({ length: 20 }, (_, i) => ({ type: "qoder", skillId: `s${i}` })) }],
    ["an http MCP server", { ...valid, mcpServers: [{ ...server, url: "http://mcp.internal:8080/mcp" }] }],
    ["engine keys ignored", { ...valid, __provider: "serialized", __owner: "o/p/s/n" }],
    ["unknown values during preview", { ...full, system: UNKNOWN, mcpServers: UNKNOWN, tools: [{ type: UNKNOWN }] }],
  ])("%s", async (_name, inputs) => {
    expect((await check(inputs as Record<string, unknown>)).failures).toEqual([]);
  });
});

describe("check: invalid inputs are refused naming the property and what is expected", () => {
  test(`the table holds ${invalid.length} cases`, () => expect(invalid.length).toBeGreaterThanOrEqual(40));

  test.each(invalid)("%s", async (_name, inputs, property, reason) => {
    const { failures } = await check(inputs);
    const failure = failures?.find((f) => f.property === property);
    expect({ failures, found: failure !== undefined }).toEqual(expect.objectContaining({ found: true }));
    expect(failure!.reason).toMatch(reason);
  });

  test("a URL's embedded password is not repeated in the refusal", async () => {
    const { failures } = await check({ ...valid, mcpServers: [{ ...server, url: "https://user:s3cret@mcp.example.com/mcp" }] });
    expect(JSON.stringify(failures)).not.toContain("s3cret");
  });
});
