import { z } from "zod";
import { CREATE_MARKER } from "../../provider/dynamic/idempotency";
import {
  createBody,
  createIdentity,
  diffProperties,
  identityMismatches,
  remoteInputs,
  updatePatch,
} from "../../provider/dynamic/object-planner";
import { property, rulesOf } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";

// A model of every kind of property a top-level object declares.
const rules = rulesOf({
  displayName: property(z.string(), { change: "replace", wire: "display_name", label: "display name" }),
  name: property(z.string(), { change: "update", wire: "name" }),
  description: property(z.string().optional(), { change: "update", wire: "description" }),
  config: property(z.object({}).passthrough().optional(), { change: "update", wire: "config" }),
  tools: property(z.array(z.object({}).passthrough()).optional(), { change: "update", wire: "tools" }),
  metadata: property(z.record(z.string(), z.string()).optional(), { change: "update", wire: "metadata", mergePatch: true }),
  apiKey: property(z.string().optional(), { change: "replace", wire: "api_key", secret: "machine-issued" }),
  deletionMode: property(z.string().optional(), { change: "record" }),
  enabled: property(z.boolean().optional(), { change: "update", wire: "enabled" }),
});

const inputs = {
  displayName: "Team",
  name: "team",
  config: { networking: { allowedHosts: ["a.example"], allowMcpServers: true }, setupScript: "make" },
  tools: [{ type: "toolset", enabledTools: ["bash"] }],
  metadata: { teamName: "platform" },
  apiKey: "key_1",
  deletionMode: "delete",
};

describe("createBody", () => {
  test("every property with a wire name and a value, camelCase keys at every depth as snake_case, maps of user keys as written", () => {
    expect(createBody(rules, { ...inputs, description: undefined })).toStrictEqual({
      display_name: "Team",
      name: "team",
      config: { networking: { allowed_hosts: ["a.example"], allow_mcp_servers: true }, setup_script: "make" },
      tools: [{ type: "toolset", enabled_tools: ["bash"] }],
      metadata: { teamName: "platform" },
      api_key: "key_1",
    });
  });
});

describe("createIdentity", () => {
  test("only what cannot change in place, and never a secret", () => {
    expect(createIdentity(rules, inputs)).toEqual({ display_name: "Team" });
  });
});

describe("diffProperties", () => {
  test("an update property changes in place; a replace property replaces; a record property changes without either", () => {
    expect(diffProperties(rules, inputs, { ...inputs, name: "renamed" })).toEqual({ changes: true, replaces: [] });
    expect(diffProperties(rules, inputs, { ...inputs, displayName: "Other" })).toEqual({ changes: true, replaces: ["displayName"] });
    expect(diffProperties(rules, inputs, { ...inputs, deletionMode: "archive" })).toEqual({ changes: true, replaces: [] });
    expect(diffProperties(rules, inputs, { ...inputs })).toEqual({ changes: false, replaces: [] });
  });

  test.each([undefined, null, "", [], {}])("absent and %j are the same: not set", (unset) => {
    const olds = { ...inputs, description: undefined, tools: undefined, config: undefined };
    expect(diffProperties(rules, olds, { ...olds, description: unset, tools: unset, config: unset }).changes).toBe(false);
  });

  test('a boolean is a value, never "not set"', () => {
    expect(diffProperties(rules, inputs, { ...inputs, enabled: true })).toEqual({ changes: true, replaces: [] });
    expect(updatePatch(rules, { ...inputs, enabled: true }, { ...inputs, enabled: false })).toEqual({ enabled: false });
  });

  test("a value unknown during preview is a change, and a replacement where the property replaces", () => {
    expect(diffProperties(rules, inputs, { ...inputs, displayName: UNKNOWN })).toEqual({ changes: true, replaces: ["displayName"] });
  });
});

describe("updatePatch", () => {
  test("each changed update property: lists whole, maps as a merge patch with a removed key as null", () => {
    const news = {
      ...inputs,
      displayName: "Other",
      name: "renamed",
      tools: [...inputs.tools, { type: "mcp", serverName: "x" }],
      metadata: { owner: "ana" },
      deletionMode: "archive",
    };
    expect(updatePatch(rules, inputs, news)).toEqual({
      name: "renamed",
      tools: [
        { type: "toolset", enabled_tools: ["bash"] },
        { type: "mcp", server_name: "x" },
      ],
      metadata: { owner: "ana", teamName: null },
    });
  });

  test("a cleared list is sent as [], any other cleared value as null", () => {
    expect(
      updatePatch(rules, { ...inputs, description: "old" }, { ...inputs, description: undefined, tools: [], config: undefined }),
    ).toEqual({
      description: null,
      tools: [],
      config: null,
    });
  });

  test("nothing to send is undefined", () => {
    expect(updatePatch(rules, inputs, { ...inputs, displayName: "Other", deletionMode: "archive" })).toBeUndefined();
    expect(updatePatch(rules, { ...inputs, metadata: {} }, { ...inputs, metadata: undefined })).toBeUndefined();
  });
});

describe("remoteInputs", () => {
  const object = {
    display_name: "Team",
    name: "renamed outside",
    description: null,
    config: { networking: { allowed_hosts: ["a.example"], allow_mcp_servers: true }, setup_script: "make" },
    tools: [],
    metadata: { teamName: "platform", [CREATE_MARKER]: "digest" },
  };

  test("what the API holds, in the inputs' terms; secrets and provider settings keep their stored values; the marker never shows", () => {
    expect(remoteInputs(rules, object, { ...inputs, tools: undefined })).toEqual({ ...inputs, tools: undefined, name: "renamed outside" });
  });

  test("a value the API reports as not set, where the inputs set one, reads as absent", () => {
    const read = remoteInputs(rules, { ...object, tools: null, config: null }, inputs);
    expect([read.tools, read.config, "tools" in read]).toEqual([undefined, undefined, true]);
  });
});

describe("identityMismatches", () => {
  test("none for the object the inputs ask for, whatever its in-place properties", () => {
    expect(identityMismatches(rules, inputs, { display_name: "Team", name: "other", api_key: undefined })).toEqual([]);
  });

  test("archived, or another value of a property that cannot change in place, named by its label", () => {
    expect(identityMismatches(rules, inputs, { display_name: "Else", archived_at: "2026-01-02T00:00:00Z" })).toEqual([
      "it was archived at 2026-01-02T00:00:00Z",
      'its display name is "Else"',
    ]);
    expect(identityMismatches(rules, inputs, {})).toEqual(["its display name is null"]);
  });
});
