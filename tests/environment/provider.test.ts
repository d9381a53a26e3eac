import { type RunningEmulator, startEmulator } from "../../emulator";
import type { ObjectApi } from "../../provider/api/objects";
import type { ObjectWire } from "../../provider/api/wire";
import type { EnvironmentInputs } from "../../provider/environment/model";
import { EnvironmentProvider } from "../../provider/environment/provider";
import { QoderApiError } from "../../provider/errors";

// The Environment provider against the emulator: what each operation sends, and destroy's
// fallback to archiving while Sessions still use the environment.

const TOKEN = "qoder_pat_environment_5a7c";
const inputs: EnvironmentInputs = {
  name: "backend-ci",
  config: {
    type: "cloud",
    networking: { type: "limited", allowedHosts: ["api.github.com"], allowPackageManagers: true },
    packages: { apt: ["git"] },
  },
};

let emulator: RunningEmulator;
let provider: EnvironmentProvider;
let log: jest.SpyInstance;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
  provider = new EnvironmentProvider({ apiUrl: emulator.url, token: TOKEN, maxRetries: 0 });
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(async () => {
  log.mockRestore();
  await provider.close();
  await emulator.close();
});

const calls = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
const seedSessionIn = (environmentId: string) => emulator.seedSession({ agent: "agent_019e390add9f", environment_id: environmentId });

test("create sends the config in snake_case, and a refresh of the new environment finds no drift", async () => {
  const created = await provider.create(inputs);
  expect(emulator.requests[0].body).toEqual({
    name: "backend-ci",
    config: {
      type: "cloud",
      networking: { type: "limited", allowed_hosts: ["api.github.com"], allow_package_managers: true },
      packages: { apt: ["git"] },
    },
  });
  const read = await provider.read(created.id, created.outs!);
  expect(read.props).toEqual(created.outs);
  expect(await provider.diff(created.id, read.props!, inputs)).toMatchObject({ changes: false });
});

test("destroy deletes the environment, and one already gone is fine", async () => {
  const { id, outs } = await provider.create(inputs);
  emulator.clearRequests();
  await provider.delete(id, outs!);
  await provider.delete(id, outs!);
  expect(calls()).toEqual([`DELETE /environments/${id} 200`, `DELETE /environments/${id} 404`]);
  expect(emulator.environment(id)).toBeUndefined();
  expect(log).not.toHaveBeenCalled();
});

test("destroy while a Session uses the environment archives it instead, and says so naming it and why", async () => {
  const { id, outs } = await provider.create(inputs);
  const session = seedSessionIn(id);
  emulator.clearRequests();
  await provider.delete(id, outs!);
  expect(calls()).toEqual([`DELETE /environments/${id} 409`, `POST /environments/${id}/archive 200`]);
  expect(emulator.environment(id)?.archived_at).toEqual(expect.any(String));
  expect(log).toHaveBeenCalledTimes(1);
  const said = String(log.mock.calls[0][0]);
  expect(said).toContain(`Environment "backend-ci" (${id}) was archived, not deleted: Sessions still use it`);
  expect(said).toContain(session.id);
  expect(said).toMatch(/no new Session can use it/);
});

test("an environment archived outside Pulumi and still in use: destroy is fine", async () => {
  const { id, outs } = await provider.create(inputs);
  seedSessionIn(id);
  emulator.archiveEnvironment(id);
  await provider.delete(id, outs!);
  expect(emulator.environment(id)?.archived_at).toEqual(expect.any(String));
});

test("an archived environment reads as gone on refresh", async () => {
  const { id, outs } = await provider.create(inputs);
  emulator.archiveEnvironment(id);
  expect(await provider.read(id, outs!)).toEqual({ id: "", props: {} });
});

describe("when archiving after a refused delete is refused too (409)", () => {
  const refusal = (path: string) =>
    new QoderApiError({ method: "POST", path, status: 409, errorType: "conflict_error", apiMessage: "Environment is already archived." });
  const inUse = new QoderApiError({
    method: "DELETE",
    path: "/environments/env_1",
    status: 409,
    errorType: "invalid_request_error",
    apiMessage: "in use",
  });

  /** The provider with the environments' endpoints scripted. */
  function scripted(held: Partial<ObjectWire> | undefined) {
    const api = {
      delete: async () => {
        throw inUse;
      },
      archive: async () => {
        throw refusal("/environments/env_1/archive");
      },
      get: async () => (held ? { id: "env_1", ...held } : undefined),
    } as unknown as ObjectApi<ObjectWire>;
    return new (class extends EnvironmentProvider {
      protected override collection() {
        return api;
      }
    })();
  }

  test("it is fine once a read shows the environment archived (archiving twice may answer 409)", async () => {
    await expect(scripted({ archived_at: "2026-01-01T00:00:00Z" }).delete("env_1", inputs)).resolves.toBeUndefined();
  });

  test("otherwise the delete's refusal is passed on", async () => {
    await expect(scripted({ archived_at: null }).delete("env_1", inputs)).rejects.toBe(inUse);
  });
});
