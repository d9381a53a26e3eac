import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { QoderClient } from "../../provider/api/client";
import { strictObject } from "../../provider/dynamic/properties";
import { ProviderBase } from "../../provider/dynamic/provider-base";
import { provider, sharedProvider } from "../../provider/dynamic/runtime";
import { QoderIncompleteError } from "../../provider/errors";

type Inputs = { name: string };
type State = { name: string; note?: string };

/** The smallest resource provider: exposes what the base class keeps to itself. */
class Probe extends ProviderBase<Inputs, State> {
  protected readonly schema = strictObject({ name: z.string({ error: "must be a string" }) }, "must be inputs");
  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<State>> {
    return { id: "x", outs: this.store({ name: inputs.name, note: undefined }) };
  }
  apiClient(): QoderClient {
    return this.api();
  }
  finish(steps: () => Promise<State>) {
    return this.settle("obj_1", "Thing", { name: "known", note: undefined }, steps);
  }
}

describe("provider base", () => {
  test("check answers the validated inputs, or the inputs as given with the failures", async () => {
    const probe = new Probe();
    expect(await probe.check({} as Inputs, { name: "n" })).toEqual({ inputs: { name: "n" }, failures: [] });
    expect(await probe.check({} as Inputs, { name: 5 } as never)).toEqual({
      inputs: { name: 5 },
      failures: [{ property: "name", reason: "must be a string" }],
    });
  });

  test("what is stored holds no undefined members", async () => {
    expect((await new Probe().create({ name: "n" })).outs).toEqual({ name: "n" });
    expect(Object.keys((await new Probe().create({ name: "n" })).outs as object)).toEqual(["name"]);
  });

  test("a step that fails after the object exists keeps what is known in state and says to run up again", async () => {
    const error = await new Probe()
      .finish(async () => {
        throw new Error("rotation refused");
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderIncompleteError);
    const incomplete = error as QoderIncompleteError;
    expect(incomplete.message).toBe("Thing obj_1 exists but is not fully set up: rotation refused. Run `pulumi up` again to finish it.");
    expect(incomplete.id).toBe("obj_1");
    expect(incomplete.reasons).toEqual([incomplete.message]);
    expect(incomplete.properties).toEqual({ name: "known" });
    expect(await new Probe().finish(async () => ({ name: "done" }))).toEqual({ name: "done" });
  });

  test("the client is built once, on first use, from the options and then the stack config", async () => {
    const probe = new Probe({ apiUrl: "http://127.0.0.1:9/api/v1/cloud", token: "t0ken" });
    const first = probe.apiClient();
    expect(probe.apiClient()).toBe(first);
    await probe.configure({ config: { get: () => undefined } } as unknown as pulumi.dynamic.ConfigureRequest);
    const second = probe.apiClient();
    expect(second).not.toBe(first);
    await probe.close();
    expect(probe.apiClient()).not.toBe(second);
    await probe.close();
  });

  test("without a token anywhere, the first call that needs the API says how to set one", async () => {
    const saved = { ...process.env };
    delete process.env.QODER_ACCESS_TOKEN;
    delete process.env.QODER_PAT;
    try {
      const probe = new Probe();
      await probe.configure({ config: { get: () => undefined } } as unknown as pulumi.dynamic.ConfigureRequest);
      expect(() => probe.apiClient()).toThrow(/No Qoder token is set/);
    } finally {
      process.env = saved;
    }
  });
});

describe("runtime", () => {
  test("one Session provider per process, also for state written by release 0.1.0", () => {
    const session = provider("Session");
    expect(provider("Session")).toBe(session);
    expect(sharedProvider()).toBe(session);
  });

  test("each kind's provider is bound to the API its resources live in (api-home.ts)", async () => {
    const config: Record<string, string> = { "qoder:token": "t0ken", "qoder:apiUrl": "http://127.0.0.1:9/api/v1/cloud" };
    const vault = provider("Vault");
    await vault.configure?.({ config: { get: (key: string) => config[key] } } as unknown as pulumi.dynamic.ConfigureRequest);
    const elsewhere = { displayName: "v", apiUrl: "http://127.0.0.1:10/api/v1/cloud" };
    await expect(vault.delete?.("vault_1", elsewhere)).rejects.toThrow(
      "Vault vault_1 lives in the API at http://127.0.0.1:10/api/v1/cloud, but the provider is set to http://127.0.0.1:9/api/v1/cloud",
    );
  });

  test("a resource kind this package does not serve says to upgrade", () => {
    expect(() => provider("Widget" as never)).toThrow('pulumi-qoder has no resource kind "Widget"; upgrade the pulumi-qoder package');
  });
});
