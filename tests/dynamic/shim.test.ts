import { providerShim } from "../../provider/dynamic/shim";

test("every resource of a kind shares one provider object, so the SDK serializes it once per program", () => {
  expect(providerShim("Session")).toBe(providerShim("Session"));
  expect(Object.keys(providerShim("Session")).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
});
