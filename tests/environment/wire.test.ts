import { createBody, diffProperties, remoteInputs, updatePatch } from "../../provider/dynamic/object-planner";
import { rulesOf } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { sameConfig } from "../../provider/environment/config";
import { environmentProperties } from "../../provider/environment/model";

// An environment's config is camelCase in Pulumi and snake_case on the wire, converted by the
// generic planner at every depth; metadata keys are the user's and are never converted.

const rules = rulesOf(environmentProperties);
const limitedConfig = {
  type: "cloud",
  networking: { type: "limited", allowedHosts: ["api.github.com", "*.npmjs.org"], allowPackageManagers: true, allowMcpServers: false },
  packages: { apt: ["git"], pip: ["numpy==2.1.0", "snake_case_pkg"] },
  setupScript: "make deps",
};
const limitedWire = {
  type: "cloud",
  networking: { type: "limited", allowed_hosts: ["api.github.com", "*.npmjs.org"], allow_package_managers: true, allow_mcp_servers: false },
  packages: { apt: ["git"], pip: ["numpy==2.1.0", "snake_case_pkg"] },
  setup_script: "make deps",
};
const inputs = { name: "ci", description: "CI runs", config: limitedConfig, metadata: { ownerTeam: "platform" } };

test("the create body carries config in snake_case at every depth, values and metadata keys as given", () => {
  expect(createBody(rules, inputs)).toEqual({
    name: "ci",
    description: "CI runs",
    config: limitedWire,
    metadata: { ownerTeam: "platform" },
  });
});

test("the API's answer reads back as the declared config: no drift", () => {
  const answer = {
    id: "env_1",
    name: "ci",
    description: "CI runs",
    config: limitedWire,
    metadata: { ownerTeam: "platform", "pulumi-qoder-create": "d" },
  };
  expect(remoteInputs(rules, answer, inputs)).toEqual(inputs);
});

test("defaults the API fills in are no drift: networking unrestricted, limited flags false, empty lists, member order", () => {
  const declared = { name: "ci", config: { type: "cloud" } };
  const answer = {
    id: "env_1",
    name: "ci",
    description: null,
    config: { type: "cloud", networking: { type: "unrestricted" }, packages: {}, setup_script: "" },
    metadata: {},
  };
  expect(remoteInputs(rules, answer, declared)).toEqual(declared);

  const hosts = {
    name: "ci",
    config: { type: "cloud", networking: { type: "limited", allowedHosts: ["b.example.com", "a.example.com"] } },
  };
  const reordered = {
    id: "env_1",
    name: "ci",
    config: { networking: { allow_mcp_servers: false, allowed_hosts: ["A.example.com", "b.example.com"], type: "limited" }, type: "cloud" },
  };
  expect(remoteInputs(rules, reordered, hosts)).toEqual(hosts);
});

test("a config changed outside Pulumi reads back in camelCase, as the drift the next preview shows", () => {
  const answer = {
    id: "env_1",
    name: "ci",
    description: "CI runs",
    config: { ...limitedWire, networking: { type: "limited", allowed_hosts: ["evil.example.com"], allow_package_managers: true } },
    metadata: { ownerTeam: "platform" },
  };
  const read = remoteInputs(rules, answer, inputs);
  expect(read.config).toEqual({
    ...limitedConfig,
    networking: { type: "limited", allowedHosts: ["evil.example.com"], allowPackageManagers: true },
  });
  expect(diffProperties(rules, read, inputs)).toEqual({ changes: true, replaces: [] });
});

const noPackages = { apt: [], cargo: [], gem: [], go: [], npm: [], pip: [] };

test("a networking change updates in place with the whole config in snake_case, every package list explicit", () => {
  const unrestricted = { ...inputs, config: { ...limitedConfig, networking: { type: "unrestricted" } } };
  expect(diffProperties(rules, inputs, unrestricted)).toEqual({ changes: true, replaces: [] });
  expect(updatePatch(rules, inputs, unrestricted)).toEqual({
    config: { ...limitedWire, networking: { type: "unrestricted" }, packages: { ...noPackages, ...limitedWire.packages } },
  });
});

// The API keeps every config member an update leaves out, so each removal is sent as its explicit clear.
test.each([
  ["the setup script: null", { setupScript: undefined }, { setup_script: null }],
  ["the packages: every list empty", { packages: undefined }, { packages: noPackages }],
  ["one manager's packages: its list empty", { packages: { apt: ["git"] } }, { packages: { ...noPackages, apt: ["git"] } }],
  ["limited networking: unrestricted", { networking: undefined }, { networking: { type: "unrestricted" } }],
  [
    "a limited flag: false",
    { networking: { type: "limited", allowedHosts: ["api.github.com"], allowPackageManagers: undefined } },
    { networking: { type: "limited", allowed_hosts: ["api.github.com"], allow_package_managers: false, allow_mcp_servers: false } },
  ],
  [
    "every allowed host: an empty list",
    { networking: { type: "limited", allowedHosts: [], allowPackageManagers: true } },
    { networking: { type: "limited", allowed_hosts: [], allow_package_managers: true, allow_mcp_servers: false } },
  ],
])("removing %s", (_what, change, sent) => {
  const after = { ...inputs, config: JSON.parse(JSON.stringify({ ...limitedConfig, ...change })) };
  expect(updatePatch(rules, inputs, after)).toEqual({
    config: { ...limitedWire, packages: { ...noPackages, ...limitedWire.packages }, ...sent },
  });
});

test("name, description and metadata patch alone; config is not sent when it did not change", () => {
  const renamed = { ...inputs, name: "ci-2", description: undefined, metadata: { costCenter: "42" } };
  expect(updatePatch(rules, inputs, renamed)).toEqual({ name: "ci-2", description: null, metadata: { costCenter: "42", ownerTeam: null } });
});

test("a config that is the same but for spelling sends nothing", () => {
  const respelled = {
    ...inputs,
    config: {
      ...limitedConfig,
      networking: { ...limitedConfig.networking, allowMcpServers: undefined, allowedHosts: ["*.NPMJS.org", "api.github.com"] },
      packages: { ...limitedConfig.packages, npm: [] },
    },
  };
  expect(diffProperties(rules, inputs, respelled)).toEqual({ changes: false, replaces: [] });
  expect(updatePatch(rules, inputs, respelled)).toBeUndefined();
});

test("a config unknown during preview counts as changed, never as a replace", () => {
  expect(diffProperties(rules, inputs, { ...inputs, config: UNKNOWN })).toEqual({ changes: true, replaces: [] });
  expect(diffProperties(rules, inputs, { ...inputs, config: { ...limitedConfig, setupScript: UNKNOWN } })).toEqual({
    changes: true,
    replaces: [],
  });
});

describe("sameConfig", () => {
  test.each([
    ["package order matters", { type: "cloud", packages: { apt: ["a", "b"] } }, { type: "cloud", packages: { apt: ["b", "a"] } }, false],
    [
      "a flag turned on",
      { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"] } },
      { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"], allowMcpServers: true } },
      false,
    ],
    ["limited and unrestricted", { type: "cloud" }, { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"] } }, false],
    ["limited to no host and unrestricted", { type: "cloud" }, { type: "cloud", networking: { type: "limited", allowedHosts: [] } }, false],
    [
      "unrestricted and a networking type the provider does not know",
      { type: "cloud", networking: { type: "unrestricted" } },
      { type: "cloud", networking: { type: "isolated" } },
      false,
    ],
    ["networking null and absent", { type: "cloud", networking: null }, { type: "cloud" }, true],
    [
      "other hosts",
      { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"] } },
      { type: "cloud", networking: { type: "limited", allowedHosts: ["b.io"] } },
      false,
    ],
    [
      "hosts absent and an empty list",
      { type: "cloud", networking: { type: "limited" } },
      { type: "cloud", networking: { type: "limited", allowedHosts: [] } },
      true,
    ],
    [
      "package managers allowed",
      { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"] } },
      { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"], allowPackageManagers: true } },
      false,
    ],
    [
      "package managers flag absent and false",
      { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"] } },
      { type: "cloud", networking: { type: "limited", allowedHosts: ["a.io"], allowPackageManagers: false } },
      true,
    ],
    ["another setup script", { type: "cloud", setupScript: "a" }, { type: "cloud", setupScript: "b" }, false],
    ["setup script null and absent", { type: "cloud", setupScript: null }, { type: "cloud" }, true],
    ["members the provider does not declare", { type: "cloud" }, { type: "cloud", scope: "account" }, true],
    ["another type", { type: "cloud" }, { type: "self_hosted" }, false],
  ])("%s", (_case, a, b, same) => {
    expect(sameConfig(a, b)).toBe(same);
  });
});
