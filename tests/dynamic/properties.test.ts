import { z } from "zod";
import { canonicalJson, checkInputs, sameValue, strictObject } from "../../provider/dynamic/properties";
import { containsUnknown, isUnknownAt, UNKNOWN } from "../../provider/dynamic/unknown";

describe("canonical JSON", () => {
  test("object keys are sorted at every depth and undefined members left out", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: "s" }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":"s","z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  test("values that JSON cannot hold read as null", () => {
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson("a")).toBe('"a"');
  });
});

describe("unknown values during preview", () => {
  test("found at any depth", () => {
    expect(containsUnknown({ a: [{ b: UNKNOWN }] })).toBe(true);
    expect(containsUnknown([1, UNKNOWN])).toBe(true);
    expect(containsUnknown({ a: [{ b: "known" }], c: null })).toBe(false);
    expect(containsUnknown(null)).toBe(false);
  });

  test("at a path, or on the way to it", () => {
    expect(isUnknownAt({ a: UNKNOWN }, ["a", 0, "b"])).toBe(true);
    expect(isUnknownAt({ a: [{ b: UNKNOWN }] }, ["a", 0, "b"])).toBe(true);
    expect(isUnknownAt({ a: [{ b: "x" }] }, ["a", 0, "b"])).toBe(false);
    expect(isUnknownAt({ a: null }, ["a", "b"])).toBe(false);
    expect(isUnknownAt(UNKNOWN, [])).toBe(true);
    expect(isUnknownAt({ a: "x" }, ["a", "length"])).toBe(false);
  });

  test("an unknown value is never the same as the stored one", () => {
    expect(sameValue({ change: "update", same: () => true }, "a", UNKNOWN)).toBe(false);
    expect(sameValue({ change: "update" }, { a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
});

describe("check", () => {
  const schema = strictObject(
    {
      name: z.string({ error: "must be a string" }),
      "odd key": z.string().optional(),
      nested: strictObject(
        { id: z.union([z.string().startsWith("x_", { error: "must start with x_" }), z.number()], { error: "must be an id" }) },
        "must be an object",
      ).optional(),
      map: z.record(z.string().min(2, { error: "keys need 2 characters" }), z.string()).optional(),
      list: z.array(z.string({ error: "items must be strings" })).optional(),
    },
    "must be the inputs",
  );

  test("engine keys pass through unchecked, next to the validated inputs", () => {
    expect(checkInputs(schema, { name: "n", __provider: "p", __owner: 7 })).toEqual({
      inputs: { name: "n", __provider: "p", __owner: 7 },
      failures: [],
    });
  });

  test("a failure names the property by its path, quoting keys that are not identifiers", () => {
    expect(checkInputs(schema, { name: 1, "odd key": 2, list: ["a", 3] }).failures).toEqual([
      { property: "name", reason: "must be a string" },
      { property: '["odd key"]', reason: expect.any(String) },
      { property: "list[1]", reason: "items must be strings" },
    ]);
  });

  test("a union names the branch that got furthest, or its own message when no branch got past the type", () => {
    expect(checkInputs(schema, { name: "n", nested: { id: "y_1" } }).failures).toEqual([
      { property: "nested.id", reason: "must start with x_" },
    ]);
    expect(checkInputs(schema, { name: "n", nested: { id: true } }).failures).toEqual([{ property: "nested.id", reason: "must be an id" }]);
  });

  test("a bad map key names the key", () => {
    expect(checkInputs(schema, { name: "n", map: { k: "v" } }).failures).toEqual([{ property: "map.k", reason: "keys need 2 characters" }]);
  });

  test("unknown fields are named with the expected ones; a wrong type gets the object's message", () => {
    expect(checkInputs(schema, { name: "n", extra: 1, more: 2 }).failures).toEqual([
      { property: "inputs", reason: 'has unknown field(s) "extra", "more"; expected name, odd key, nested, map, list' },
    ]);
    expect(checkInputs(schema, { name: "n", nested: "x" }).failures).toEqual([{ property: "nested", reason: "must be an object" }]);
  });

  test("failures about values not known yet are dropped, and the inputs go on as they are", () => {
    const news = { name: UNKNOWN, list: UNKNOWN, __provider: "p" };
    expect(checkInputs(strictObject({ name: z.string().min(40), list: z.array(z.string()) }, "x"), news)).toEqual({
      inputs: news,
      failures: [],
    });
  });

  test("the same failure is reported once", () => {
    const twice = z.object({
      a: z
        .string()
        .refine(() => false, { error: "no" })
        .refine(() => false, { error: "no" }),
    });
    expect(checkInputs(twice, { a: "x" }).failures).toEqual([{ property: "a", reason: "no" }]);
  });
});
