import { useCredentialVault } from "./credential-support";
import { expectInvalid, useEmulator } from "./support";

// `environment_variable` vault credentials (docs/api-contract.md#vaults): a secret filled into
// outbound requests to the hosts its `networking` allows.
describe("environment_variable vault credentials", () => {
  const ctx = useEmulator();
  const vault = useCredentialVault(ctx, ["npm_secret"]);

  const limited = { type: "limited", allowed_hosts: ["registry.npmjs.org", "*.npmjs.com", "10.0.0.7"] };
  const envVar = { type: "environment_variable", secret_name: "NPM_TOKEN", secret_value: "npm_secret_1", networking: limited };

  const credentialOf = (id: string) => ctx.emulator.vaultCredential(vault.vaultId, id);

  test("a create is answered with the secret name, the resolved injection_location and the networking, never the value", async () => {
    const created = await vault.create({ auth: envVar });

    expect(created.auth).toEqual({
      type: "environment_variable",
      secret_name: "NPM_TOKEN",
      injection_location: { body: false, header: true },
      networking: limited,
    });
    expect(credentialOf(created.id)).toMatchObject({ secretHistory: ["npm_secret_1"], secrets: { secret_value: "npm_secret_1" } });
  });

  test.each([
    ["both members", { body: true, header: false }, { body: true, header: false }],
    ["body only", { body: true }, { body: true, header: true }],
    ["null members", { body: null, header: null }, { body: false, header: true }],
    ["null", null, { body: false, header: true }],
  ])("injection_location given with %s is answered with both booleans", async (_given, injection_location, expected) => {
    const created = await vault.create({ auth: { ...envVar, networking: { type: "unrestricted" }, injection_location } });

    expect(created.auth).toMatchObject({ injection_location: expected, networking: { type: "unrestricted" } });
  });

  test("16 allowed hosts, and an empty list, are accepted", async () => {
    const hosts = Array.from({ length: 16 }, (_, i) => `h${i}.example.com`);

    expect((await vault.create({ auth: { ...envVar, networking: { type: "limited", allowed_hosts: hosts } } })).auth).toMatchObject({
      networking: { type: "limited", allowed_hosts: hosts },
    });
    expect((await vault.create({ auth: { ...envVar, networking: { type: "limited", allowed_hosts: [] } } })).auth).toMatchObject({
      networking: { type: "limited", allowed_hosts: [] },
    });
  });

  const withHosts = (allowed_hosts: unknown) => ({ auth: { ...envVar, networking: { type: "limited", allowed_hosts } } });

  test.each([
    ["no networking", { auth: { ...envVar, networking: undefined } }, "auth.networking"],
    ["a null networking", { auth: { ...envVar, networking: null } }, "auth.networking"],
    ["networking without type", { auth: { ...envVar, networking: { allowed_hosts: [] } } }, "auth.networking.type"],
    ["networking of another type", { auth: { ...envVar, networking: { type: "open" } } }, "auth.networking.type"],
    [
      "unrestricted networking with hosts",
      { auth: { ...envVar, networking: { type: "unrestricted", allowed_hosts: [] } } },
      "auth.networking.allowed_hosts",
    ],
    ["limited networking without hosts", { auth: { ...envVar, networking: { type: "limited" } } }, "auth.networking.allowed_hosts"],
    ["17 hosts", withHosts(Array.from({ length: 17 }, (_, i) => `h${i}.dev`)), "auth.networking.allowed_hosts"],
    ["a host that is a URL", withHosts(["a.dev", "https://b.dev"]), "auth.networking.allowed_hosts[1]"],
    ["a host with a port", withHosts(["b.dev:443"]), "auth.networking.allowed_hosts[0]"],
    ["a host with a path", withHosts(["b.dev/api"]), "auth.networking.allowed_hosts[0]"],
    ["an IPv6 host", withHosts(["::1"]), "auth.networking.allowed_hosts[0]"],
    ["an IPv4 address out of range", withHosts(["10.0.0.256"]), "auth.networking.allowed_hosts[0]"],
    ["a wildcard in the middle", withHosts(["a.*.dev"]), "auth.networking.allowed_hosts[0]"],
    ["an empty host", withHosts([""]), "auth.networking.allowed_hosts[0]"],
    ["an injection_location that is a string", { auth: { ...envVar, injection_location: "header" } }, "auth.injection_location"],
    [
      "an injection_location member that is not a boolean",
      { auth: { ...envVar, injection_location: { body: "yes" } } },
      "auth.injection_location.body",
    ],
    ["an unknown injection_location member", { auth: { ...envVar, injection_location: { query: true } } }, "auth.injection_location.query"],
    ["a secret_name that is no variable name", { auth: { ...envVar, secret_name: "1-TOKEN" } }, "auth.secret_name"],
    ["no secret_value", { auth: { ...envVar, secret_value: undefined } }, "auth.secret_value"],
    ["an auth member of another type", { auth: { ...envVar, token: "npm_secret_x" } }, "auth.token"],
  ])("create with %s is a 400 naming the param", async (_rule, body, param) => {
    expectInvalid(await vault.api.post(vault.path, body), param);
    expect(ctx.emulator.vault(vault.vaultId)!.credentials).toEqual([]);
  });

  test("an update rotates secret_value alone, recorded in the history; the rest is kept", async () => {
    const created = await vault.create({ auth: envVar });

    const reply = await vault.api.post(`${vault.path}/${created.id}`, {
      auth: { type: "environment_variable", secret_value: "npm_secret_2" },
    });

    expect(reply.body.auth).toEqual(created.auth);
    expect(credentialOf(created.id)).toMatchObject({
      secretHistory: ["npm_secret_1", "npm_secret_2"],
      secrets: { secret_value: "npm_secret_2" },
    });
  });

  test("an update's networking replaces it whole; its injection_location replaces the members given and keeps the others", async () => {
    const created = await vault.create({ auth: { ...envVar, injection_location: { body: true } } });

    const reply = await vault.api.post(`${vault.path}/${created.id}`, {
      auth: {
        type: "environment_variable",
        networking: { type: "limited", allowed_hosts: ["npm.pkg.github.com"] },
        injection_location: { header: false },
      },
    });

    expect(reply.body.auth).toEqual({
      type: "environment_variable",
      secret_name: "NPM_TOKEN",
      injection_location: { body: true, header: false },
      networking: { type: "limited", allowed_hosts: ["npm.pkg.github.com"] },
    });
    const kept = await vault.api.post(`${vault.path}/${created.id}`, {
      auth: { type: "environment_variable", networking: null, injection_location: null },
    });
    expect(kept.body.auth).toEqual(reply.body.auth);
    expect(credentialOf(created.id)!.secretHistory).toEqual(["npm_secret_1"]);
  });

  test.each([
    [
      "a secret_name, even the current one",
      { secret_name: "NPM_TOKEN" },
      "auth.secret_name",
      "Field 'auth.secret_name' cannot be changed; create a new credential instead.",
    ],
    [
      "a networking without hosts",
      { networking: { type: "limited" } },
      "auth.networking.allowed_hosts",
      "Field 'auth.networking.allowed_hosts' is required.",
    ],
    ["an empty secret_value", { secret_value: "" }, "auth.secret_value", "Field 'auth.secret_value' must not be empty."],
    ["a member of another type", { token: "npm_secret_2" }, "auth.token", "Unknown field 'auth.token'."],
  ])("an update with %s is a 400 naming the param, and changes nothing", async (_rule, auth, param, message) => {
    const created = await vault.create({ auth: envVar });

    const reply = await vault.api.post(`${vault.path}/${created.id}`, {
      auth: { type: "environment_variable", secret_value: "npm_secret_2", ...auth },
    });

    expect(reply.body.error).toEqual({ type: "invalid_request_error", message, param });
    expect(credentialOf(created.id)).toMatchObject({ ...created, secretHistory: ["npm_secret_1"] });
  });
});
