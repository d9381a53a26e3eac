import type * as pulumi from "@pulumi/pulumi";
import { type ApiLocation, baseUrlOf, boundToApiHome, type LocatedProvider } from "../../provider/dynamic/api-home";
import { QoderIncompleteError, QoderMismatchError } from "../../provider/errors";
import { MemoryStoreProvider } from "../../provider/memory-store/provider";

const A = "https://api.qoder.com/api/v1/cloud";
const B = "https://api.qoder.com.cn/api/v1/cloud";

type Props = Record<string, unknown>;

/** A provider that records what it is handed and answers with fixed state; its API is `location`. */
function fakeProvider(location: ApiLocation) {
  const seen: { method: string; props?: Props }[] = [];
  const fake: LocatedProvider & { location: ApiLocation } = {
    location,
    apiLocation: () => fake.location,
    check: async (_olds, news) => ({ inputs: news }),
    diff: async (_id, olds: Props) => {
      seen.push({ method: "diff", props: olds });
      return { changes: false };
    },
    create: async () => ({ id: "obj_1", outs: { name: "n" } }),
    read: async (id, props: Props) => {
      seen.push({ method: "read", props });
      return { id, props: { name: "n", status: "live" }, inputs: { name: "n" } };
    },
    update: async (_id, olds: Props) => {
      seen.push({ method: "update", props: olds });
      return { outs: { name: "m" } };
    },
    delete: async (_id, props: Props) => {
      seen.push({ method: "delete", props });
    },
  };
  return { fake, seen, bound: boundToApiHome("Thing", fake) as Required<pulumi.dynamic.ResourceProvider> };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe("every resource records the API it lives in", () => {
  test("create records the provider's API base URL, without a trailing slash; the provider's own code never sees it", async () => {
    const { bound, seen } = fakeProvider({ apiUrl: `${A}/` });
    const { outs } = await bound.create({ name: "n" });
    expect(outs).toEqual({ name: "n", apiUrl: A });
    expect(await bound.diff("obj_1", outs, { name: "n" })).toEqual({ changes: false });
    expect(seen).toEqual([{ method: "diff", props: { name: "n" } }]);
  });

  test("read and update record it; a read's inputs never hold it, and a read that finds the object gone stays gone", async () => {
    const { fake, bound, seen } = fakeProvider({ apiUrl: A });
    expect(await bound.read("obj_1", { name: "n", apiUrl: A })).toEqual({
      id: "obj_1",
      props: { name: "n", status: "live", apiUrl: A },
      inputs: { name: "n" },
    });
    expect((await bound.update("obj_1", { name: "n", apiUrl: A }, { name: "m" })).outs).toEqual({ name: "m", apiUrl: A });
    expect(seen.map(({ props }) => props)).toEqual([{ name: "n" }, { name: "n" }]);
    fake.read = async () => ({ id: "", props: {} });
    expect(await bound.read("obj_1", { name: "n", apiUrl: A })).toEqual({ id: "", props: {} });
  });

  test("state written before URLs were recorded is accepted, and the next read or update records the URL", async () => {
    const { bound } = fakeProvider({ apiUrl: B });
    expect((await bound.read("obj_1", { name: "n" })).props).toEqual({ name: "n", status: "live", apiUrl: B });
    expect((await bound.update("obj_1", { name: "n" }, { name: "m" })).outs).toEqual({ name: "m", apiUrl: B });
    await bound.delete("obj_1", { name: "n" });
  });

  test("a create or update that fails half-way keeps the URL in the state the error carries", async () => {
    const { fake, bound } = fakeProvider({ apiUrl: A });
    const incomplete = () => new QoderIncompleteError("obj_1", "Thing", { name: "n" }, new Error("rotation refused"));
    fake.create = async () => {
      throw incomplete();
    };
    fake.update = async () => {
      throw incomplete();
    };
    for (const attempt of [bound.create({ name: "n" }), bound.update("obj_1", { name: "n", apiUrl: A }, { name: "m" })]) {
      const error = await failure(attempt);
      expect(error).toBeInstanceOf(QoderIncompleteError);
      expect((error as QoderIncompleteError).properties).toEqual({ name: "n", apiUrl: A });
    }
  });
});

describe("no resource is read, updated or deleted through another API", () => {
  test.each(["read", "update", "delete"] as const)(
    "%s through another API is refused, naming both URLs and the way out",
    async (method) => {
      const { bound, seen } = fakeProvider({ apiUrl: B });
      const props = { name: "n", apiUrl: A };
      const call = {
        read: () => bound.read("obj_1", props),
        update: () => bound.update("obj_1", props, { name: "m" }),
        delete: () => bound.delete("obj_1", props),
      };
      const error = await failure(call[method]());
      expect(error).toBeInstanceOf(QoderMismatchError);
      expect(error?.message).toBe(
        `Thing obj_1 lives in the API at ${A}, but the provider is set to ${B}; it is not read, updated or deleted through another API, ` +
          "so nothing is treated as gone: check the API URL (qoder:apiUrl or QODER_API_URL). " +
          `If the stack's objects moved to ${B}, declare the move with \`pulumi config set qoder:apiUrlMovedFrom ${A}\` and run ` +
          "`pulumi refresh --run-program`, which records the new URL; then remove the setting",
      );
      expect(seen).toEqual([]);
    },
  );

  test("a declared move from the recorded URL lets read, update and delete through, and records the new URL", async () => {
    const { bound, seen } = fakeProvider({ apiUrl: B, movedFrom: `${A}/` });
    expect((await bound.read("obj_1", { name: "n", apiUrl: A })).props).toEqual({ name: "n", status: "live", apiUrl: B });
    expect((await bound.update("obj_1", { name: "n", apiUrl: A }, { name: "m" })).outs).toEqual({ name: "m", apiUrl: B });
    await bound.delete("obj_1", { name: "n", apiUrl: A });
    expect(seen.map(({ method }) => method)).toEqual(["read", "update", "delete"]);
  });

  test("a move declared from another URL is no move of this resource; one that is not a URL is refused as such", async () => {
    const { fake, bound } = fakeProvider({ apiUrl: B, movedFrom: "https://old.example/api/v1/cloud" });
    const error = await failure(bound.read("obj_1", { name: "n", apiUrl: A }));
    expect(error?.message).toContain(`(qoder:apiUrlMovedFrom names https://old.example/api/v1/cloud, not that one)`);
    fake.location = { apiUrl: B, movedFrom: "old.example" };
    expect((await failure(bound.read("obj_1", { name: "n", apiUrl: A })))?.message).toBe(
      'config qoder:apiUrlMovedFrom is not a URL: "old.example"',
    );
  });

  test("the same API written differently is the same API", () => {
    expect(baseUrlOf("HTTPS://API.qoder.com:443/api/v1/cloud//")).toBe(A);
    expect(baseUrlOf("http://127.0.0.1:8080/api/v1/cloud")).toBe("http://127.0.0.1:8080/api/v1/cloud");
  });
});

test("a provider's location is its client's API URL and the move its stack config declares", async () => {
  const provider = new MemoryStoreProvider({ apiUrl: A, token: "t0ken" });
  expect(provider.apiLocation()).toEqual({ apiUrl: A });
  const config: Record<string, string> = { "qoder:apiUrl": B, "qoder:apiUrlMovedFrom": A, "qoder:token": "t0ken" };
  const configured = new MemoryStoreProvider();
  await configured.configure({ config: { get: (key: string) => config[key] } } as unknown as pulumi.dynamic.ConfigureRequest);
  expect(configured.apiLocation()).toEqual({ apiUrl: B, movedFrom: A });
});
