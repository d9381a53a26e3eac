import { checkInputs } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { environmentSchema } from "../../provider/environment/model";
import { EnvironmentProvider } from "../../provider/environment/provider";

const validate = (inputs: Record<string, unknown>) => checkInputs(environmentSchema, inputs);
const valid = { name: "backend-ci", config: { type: "cloud" } };
const withConfig = (config: Record<string, unknown>) => ({ ...valid, config: { type: "cloud", ...config } });
const limited = (networking: Record<string, unknown>) => withConfig({ networking: { type: "limited", ...networking } });

describe("Environment check: valid inputs pass", () => {
  test.each([
    ["cloud config only", valid],
    ["unrestricted networking", withConfig({ networking: { type: "unrestricted" } })],
    ["limited networking", limited({ allowedHosts: ["api.github.com", "*.npmjs.org", "10.0.0.7"] })],
    ["limited networking with no host: only what the flags allow", limited({ allowedHosts: [], allowMcpServers: true })],
    [
      "packages under limited networking that allows package managers",
      withConfig({ networking: { type: "limited", allowedHosts: [], allowPackageManagers: true }, packages: { pip: ["numpy"] } }),
    ],
    ["limited networking with both flags", limited({ allowedHosts: ["pypi.org"], allowPackageManagers: true, allowMcpServers: false })],
    ["a host name of 253 characters, the most DNS allows", limited({ allowedHosts: [`${"a".repeat(63)}.`.repeat(3) + "a".repeat(61)] })],
    [
      "every package manager",
      withConfig({
        packages: {
          apt: ["git"],
          cargo: ["ripgrep"],
          gem: ["rake"],
          go: ["golang.org/x/tools/gopls@latest"],
          npm: ["@biomejs/biome@2"],
          pip: ["numpy==2.1.0"],
        },
      }),
    ],
    ["empty package lists", withConfig({ packages: { apt: [] } })],
    ["setup script", withConfig({ setupScript: "#!/bin/sh\nmake deps\n" })],
    ["description and metadata", { ...valid, description: "CI", metadata: { team: "platform" } }],
    ["engine keys pass through", { ...valid, __provider: "serialized", __owner: "org/p/s/ci" }],
    ["whole config unknown during preview", { ...valid, config: UNKNOWN }],
    ["a host unknown during preview", limited({ allowedHosts: [UNKNOWN, UNKNOWN] })],
    ["hosts unknown during preview", limited({ allowedHosts: UNKNOWN })],
  ])("%s", (_case, inputs) => {
    expect(validate(inputs as Record<string, unknown>).failures).toEqual([]);
  });
});

// Each row: inputs, the property the failure names, and words its reason must contain.
const invalid: [string, Record<string, unknown>, string, RegExp][] = [
  ["name missing", { config: { type: "cloud" } }, "name", /string/],
  ["name empty", { ...valid, name: "" }, "name", /must not be empty/],
  ["name too long", { ...valid, name: "n".repeat(256) }, "name", /at most 255/],
  ["config missing", { name: "ci" }, "config", /must be an object such as \{ type: "cloud"/],
  ["config a string", { ...valid, config: "cloud" }, "config", /must be an object/],
  ["config type missing", { ...valid, config: {} }, "config.type", /must be "cloud"/],
  ["config type self_hosted", { ...valid, config: { type: "self_hosted" } }, "config.type", /self-hosted environments are not supported/],
  [
    "config unknown member",
    withConfig({ scope: "account" }),
    "config",
    /unknown field\(s\) "scope"; expected type, networking, packages, setupScript/,
  ],
  ["config in snake_case", withConfig({ setup_script: "x" }), "config", /unknown field\(s\) "setup_script"/],
  [
    "networking type unknown",
    withConfig({ networking: { type: "allowed_hosts" } }),
    "config.networking.type",
    /"unrestricted" or "limited"/,
  ],
  ["networking type missing", withConfig({ networking: {} }), "config.networking.type", /"unrestricted" or "limited"/],
  ["networking a string", withConfig({ networking: "unrestricted" }), "config.networking", /\{ type: "unrestricted" \}/],
  ["limited without hosts", limited({}), "config.networking.allowedHosts", /is required with networking type "limited"/],
  [
    "packages under limited networking that blocks package managers",
    withConfig({ networking: { type: "limited", allowedHosts: ["github.com"] }, packages: { apt: ["jq"] } }),
    "config.networking.allowPackageManagers",
    /must be true when packages are installed with networking type "limited"/,
  ],
  ["hosts not a list", limited({ allowedHosts: "api.github.com" }), "config.networking.allowedHosts", /list of host names/],
  ["host empty", limited({ allowedHosts: [""] }), "config.networking.allowedHosts[0]", /must not be empty/],
  [
    "host with scheme",
    limited({ allowedHosts: ["https://api.github.com"] }),
    "config.networking.allowedHosts[0]",
    /without a scheme; use "api.github.com"/,
  ],
  [
    "host a scheme alone, with no host to suggest",
    limited({ allowedHosts: ["http://"] }),
    "config.networking.allowedHosts[0]",
    /^must be a host name such as "api\.github\.com" or "\*\.github\.com", without a scheme$/,
  ],
  [
    "host with path",
    limited({ allowedHosts: ["github.com/acme"] }),
    "config.networking.allowedHosts[0]",
    /without a path; use "github.com"/,
  ],
  ["host with port", limited({ allowedHosts: ["registry.local:5000"] }), "config.networking.allowedHosts[0]", /without a port/],
  ["host with whitespace", limited({ allowedHosts: ["api.github.com "] }), "config.networking.allowedHosts[0]", /without whitespace/],
  ["host a bare wildcard", limited({ allowedHosts: ["*"] }), "config.networking.allowedHosts[0]", /use networking type "unrestricted"/],
  [
    "host wildcard inside",
    limited({ allowedHosts: ["api.*.com"] }),
    "config.networking.allowedHosts[0]",
    /"\*" only as a whole first label/,
  ],
  ["host bad label", limited({ allowedHosts: ["-bad.example.com"] }), "config.networking.allowedHosts[0]", /host name such as/],
  ["host trailing dot", limited({ allowedHosts: ["example.com."] }), "config.networking.allowedHosts[0]", /host name such as/],
  ["host too long", limited({ allowedHosts: [`${"a".repeat(60)}.`.repeat(5)] }), "config.networking.allowedHosts[0]", /at most 253/],
  ["host a number", limited({ allowedHosts: [443] }), "config.networking.allowedHosts[0]", /string/],
  [
    "host twice",
    limited({ allowedHosts: ["pypi.org", "api.github.com", "PyPI.org"] }),
    "config.networking.allowedHosts[2]",
    /names "PyPI.org" again \(as allowedHosts\[0\]\)/,
  ],
  [
    "hosts with unrestricted",
    withConfig({ networking: { type: "unrestricted", allowedHosts: ["pypi.org"] } }),
    "config.networking.allowedHosts",
    /only with networking type "limited"/,
  ],
  [
    "flag with unrestricted",
    withConfig({ networking: { type: "unrestricted", allowMcpServers: true } }),
    "config.networking.allowMcpServers",
    /only with networking type "limited"/,
  ],
  [
    "flag not a boolean",
    limited({ allowedHosts: ["pypi.org"], allowPackageManagers: "yes" }),
    "config.networking.allowPackageManagers",
    /true or false/,
  ],
  [
    "networking unknown member",
    limited({ allowedHosts: ["pypi.org"], allowed_hosts: ["x"] }),
    "config.networking",
    /unknown field\(s\) "allowed_hosts"/,
  ],
  [
    "package manager unknown",
    withConfig({ packages: { brew: ["jq"] } }),
    "config.packages",
    /unknown field\(s\) "brew"; expected apt, cargo, gem, go, npm, pip/,
  ],
  ["packages a list", withConfig({ packages: ["jq"] }), "config.packages", /package lists by manager \(apt, cargo, gem, go, npm, pip\)/],
  ["package list a string", withConfig({ packages: { apt: "jq" } }), "config.packages.apt", /list of package names/],
  ["package name empty", withConfig({ packages: { pip: ["requests", ""] } }), "config.packages.pip[1]", /must not be empty/],
  [
    "package name with whitespace",
    withConfig({ packages: { apt: ["git curl"] } }),
    "config.packages.apt[0]",
    /whitespace: give one package per entry/,
  ],
  ["package name a number", withConfig({ packages: { npm: [7] } }), "config.packages.npm[0]", /string/],
  ["setup script a list", withConfig({ setupScript: ["make"] }), "config.setupScript", /string/],
  [
    "metadata empty value",
    { ...valid, metadata: { team: "" } },
    "metadata.team",
    /must not be empty \(the API reads "" as "delete this key"\)/,
  ],
  ["metadata value a number", { ...valid, metadata: { team: 7 } }, "metadata.team", /strings/],
  [
    "deletionMode is not an Environment input",
    { ...valid, deletionMode: "delete" },
    "inputs",
    /unknown field\(s\) "deletionMode"; expected name, description, config, metadata/,
  ],
];

describe("Environment check: invalid inputs are refused naming the property", () => {
  test.each(invalid)("%s", (_case, inputs, property, reason) => {
    const { failures } = validate(inputs);
    expect(failures).toEqual([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]);
  });

  test("several problems are each reported", () => {
    const { failures } = validate({
      name: "",
      config: { type: "cloud", networking: { type: "limited", allowedHosts: ["a b"] }, packages: { apt: [""] } },
    });
    expect(failures.map((failure) => failure.property).sort()).toEqual([
      "config.networking.allowPackageManagers",
      "config.networking.allowedHosts[0]",
      "config.packages.apt[0]",
      "name",
    ]);
  });

  test("the provider's check refuses them without a client, so without any request", async () => {
    const provider = new EnvironmentProvider({ apiUrl: "http://127.0.0.1:9/api/v1/cloud", token: "unused" });
    const result = await provider.check({} as never, { ...valid, config: { type: "self_hosted" } } as never);
    expect(result.failures).toEqual([
      { property: "config.type", reason: 'must be "cloud" (self-hosted environments are not supported by this provider)' },
    ]);
    expect((provider as unknown as { client?: unknown }).client).toBeUndefined();
  });
});
