import { checkInputs } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { memoryStoreSchema } from "../../provider/memory-store/model";
import { MemoryStoreProvider } from "../../provider/memory-store/provider";

const validate = (inputs: Record<string, unknown>) => checkInputs(memoryStoreSchema, inputs);
const valid = { name: "team-notes" };
const sixteenPairs = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v"]));

describe("MemoryStore check: valid inputs pass", () => {
  test.each([
    ["name only", valid],
    ["every property", { ...valid, description: "What the team learnt", metadata: { team: "platform" }, deletionMode: "delete" }],
    ["a 255-character name", { name: "n".repeat(255) }],
    ["an empty description", { ...valid, description: "" }],
    ["fifteen metadata pairs", { ...valid, metadata: Object.fromEntries(Object.entries(sixteenPairs).slice(0, 15)) }],
    ["engine keys pass through", { ...valid, __provider: "serialized", __owner: "org/project/stack/notes" }],
    ["values unknown during preview", { name: UNKNOWN, metadata: { team: UNKNOWN } }],
  ])("%s", (_case, inputs) => {
    expect(validate(inputs).failures).toEqual([]);
  });
});

// Each row: inputs, the property the failure names, and words its reason must contain.
const invalid: [string, Record<string, unknown>, string, RegExp][] = [
  ["name missing", {}, "name", /string/],
  ["name empty", { name: "" }, "name", /must not be empty/],
  ["name too long", { name: "n".repeat(256) }, "name", /at most 255 characters/],
  ["name a number", { name: 7 }, "name", /string/],
  ["description a number", { ...valid, description: 7 }, "description", /string/],
  ["metadata a list", { ...valid, metadata: ["team"] }, "metadata", /map of string keys to string values/],
  ["metadata value a number", { ...valid, metadata: { team: 7 } }, "metadata.team", /values must be strings/],
  ["metadata key too long", { ...valid, metadata: { ["k".repeat(65)]: "v" } }, `metadata.${"k".repeat(65)}`, /keys must be at most 64/],
  ["metadata value too long", { ...valid, metadata: { team: "v".repeat(513) } }, "metadata.team", /at most 512/],
  ["sixteen metadata pairs", { ...valid, metadata: sixteenPairs }, "metadata", /at most 15 entries.*create marker/],
  ["deletion mode unknown", { ...valid, deletionMode: "purge" }, "deletionMode", /"archive" or "delete"/],
  [
    "unknown property",
    { ...valid, displayName: "x" },
    "inputs",
    /unknown field\(s\) "displayName"; expected name, description, metadata, deletionMode/,
  ],
];

describe("MemoryStore check: invalid inputs are refused naming the property", () => {
  test.each(invalid)("%s", (_case, inputs, property, reason) => {
    const { failures } = validate(inputs);
    expect(failures).toEqual([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]);
  });

  test("the provider's check refuses them without a client, so without any request", async () => {
    const provider = new MemoryStoreProvider({ apiUrl: "http://127.0.0.1:9/api/v1/cloud", token: "unused" });
    const result = await provider.check({} as never, { name: "" } as never);
    expect(result.failures).toEqual([{ property: "name", reason: "must not be empty" }]);
    expect((provider as unknown as { client?: unknown }).client).toBeUndefined();
  });
});
