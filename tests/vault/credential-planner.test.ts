import { diffProperties } from "../../provider/dynamic/object-planner";
import { rulesOf } from "../../provider/dynamic/properties";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import {
  type CredentialChange,
  credentialCreateBody,
  credentialsAfter,
  credentialUpdateBody,
  planCredentials,
  refreshedCredentials,
  remoteCredentialKey,
  secretsOf,
} from "../../provider/vault/credential-planner";
import { credentialKey, type VaultCredentialInput, vaultProperties } from "../../provider/vault/model";
import type { VaultCredentialState } from "../../provider/vault/state";

const github: VaultCredentialInput = { type: "static_bearer", mcpServerUrl: "https://mcp.github.dev", token: "tok_github_1" };
const linear: VaultCredentialInput = { type: "static_bearer", mcpServerUrl: "https://mcp.linear.dev", token: "tok_linear_1" };
const npm: VaultCredentialInput = { type: "environment_variable", secretName: "NPM_TOKEN", secretValue: "npm_1" };
const held = (credential: VaultCredentialInput, credentialId: string): VaultCredentialState => ({ ...credential, credentialId });

const summary = (changes: CredentialChange[]) =>
  changes.map((change) => `${change.action} ${"declared" in change ? credentialKey(change.declared) : change.stored.credentialId}`);

describe("planning credential changes", () => {
  test("a new vault creates every declared credential", () => {
    expect(planCredentials([], [github, npm]).map((change) => change.action)).toEqual(["create", "create"]);
  });

  test("credentials held with the same secrets need nothing, whatever their order", () => {
    const changes = planCredentials([held(npm, "vcred_n"), held(github, "vcred_g")], [github, npm]);
    expect(changes.map((change) => change.action)).toEqual(["keep", "keep"]);
  });

  test("a new token is rotated on the credential that holds the old one", () => {
    const changes = planCredentials([held(github, "vcred_g"), held(npm, "vcred_n")], [{ ...github, token: "tok_github_2" }, npm]);
    expect(changes).toEqual([
      { action: "update", declared: { ...github, token: "tok_github_2" }, stored: held(github, "vcred_g") },
      { action: "keep", declared: npm, stored: held(npm, "vcred_n") },
    ]);
  });

  test("a new secret value is rotated too", () => {
    const changes = planCredentials([held(npm, "vcred_n")], [{ ...npm, secretValue: "npm_2" }]);
    expect(changes.map((change) => change.action)).toEqual(["update"]);
  });

  test("a new URL or secret name is another credential: the old one is deleted, the new one created", () => {
    const moved = { ...github, mcpServerUrl: "https://mcp.github.dev/v2" };
    const renamed = { ...npm, secretName: "NODE_AUTH_TOKEN" };
    const changes = planCredentials([held(github, "vcred_g"), held(npm, "vcred_n")], [moved, renamed]);
    expect(summary(changes)).toEqual([
      `create ${credentialKey(moved)}`,
      `create ${credentialKey(renamed)}`,
      "delete vcred_g",
      "delete vcred_n",
    ]);
  });

  test("a credential that changes type is another credential", () => {
    const asVariable: VaultCredentialInput = { type: "environment_variable", secretName: "GITHUB_TOKEN", secretValue: "tok_github_1" };
    expect(summary(planCredentials([held(github, "vcred_g")], [asVariable]))).toEqual([
      `create ${credentialKey(asVariable)}`,
      "delete vcred_g",
    ]);
  });

  test("an added credential is created and a removed one deleted, the others left alone", () => {
    const changes = planCredentials([held(github, "vcred_g"), held(linear, "vcred_l")], [github, npm]);
    expect(summary(changes)).toEqual([`keep ${credentialKey(github)}`, `create ${credentialKey(npm)}`, "delete vcred_l"]);
  });

  test("a second stored credential of one identity is deleted", () => {
    const changes = planCredentials([held(github, "vcred_g1"), held(github, "vcred_g2")], [github]);
    expect(summary(changes)).toEqual([`keep ${credentialKey(github)}`, "delete vcred_g2"]);
  });
});

describe("what state records after the changes ran", () => {
  const stored = [held(github, "vcred_g"), held(linear, "vcred_l")];
  const rotated = { ...github, token: "tok_github_2" };
  const changes = planCredentials(stored, [rotated, npm]);

  test("every change done: the declared credentials with their ids", () => {
    expect(credentialsAfter(changes, [{ done: true }, { done: true, credentialId: "vcred_n" }, { done: true }])).toEqual([
      held(rotated, "vcred_g"),
      held(npm, "vcred_n"),
    ]);
  });

  test("every change failed: exactly what the vault held before", () => {
    expect(credentialsAfter(changes, [{ done: false }, { done: false }, { done: false }])).toEqual([
      held(github, "vcred_g"),
      held(linear, "vcred_l"),
    ]);
  });

  test("a failed rotation keeps the old secret, a failed create is absent, a failed deletion keeps the credential", () => {
    expect(credentialsAfter(changes, [{ done: false }, { done: true, credentialId: "vcred_n" }, { done: false }])).toEqual([
      held(github, "vcred_g"),
      held(npm, "vcred_n"),
      held(linear, "vcred_l"),
    ]);
    expect(credentialsAfter(changes, [{ done: true }, { done: false }, { done: true }])).toEqual([held(rotated, "vcred_g")]);
  });

  test("a change with no result counts as failed", () => {
    expect(credentialsAfter(changes, [])).toEqual([held(github, "vcred_g"), held(linear, "vcred_l")]);
  });

  test("the next plan from a partial state finishes the job and repeats nothing done", () => {
    const partial = credentialsAfter(changes, [{ done: true }, { done: false }, { done: false }]);
    expect(summary(planCredentials(partial, [rotated, npm]))).toEqual([
      `keep ${credentialKey(rotated)}`,
      `create ${credentialKey(npm)}`,
      "delete vcred_l",
    ]);
  });
});

describe("wire forms", () => {
  test("create bodies carry the type, the identity and the secret under their wire names; a variable's networking unrestricted unless declared", () => {
    expect(credentialCreateBody(github)).toEqual({
      auth: { type: "static_bearer", mcp_server_url: "https://mcp.github.dev", token: "tok_github_1" },
    });
    expect(credentialCreateBody(npm)).toEqual({
      auth: { type: "environment_variable", secret_name: "NPM_TOKEN", secret_value: "npm_1", networking: { type: "unrestricted" } },
    });
  });

  test("a create body carries limited networking, the injection location, display name and metadata as declared", () => {
    const limited: VaultCredentialInput = {
      ...npm,
      networking: { type: "limited", allowedHosts: ["registry.npmjs.org"] },
      injectionLocation: { header: true },
      displayName: "npm publish",
      metadata: { ownerTeam: "web" },
    };
    expect(credentialCreateBody(limited)).toEqual({
      auth: {
        type: "environment_variable",
        secret_name: "NPM_TOKEN",
        secret_value: "npm_1",
        networking: { type: "limited", allowed_hosts: ["registry.npmjs.org"] },
        injection_location: { header: true },
      },
      display_name: "npm publish",
      metadata: { ownerTeam: "web" },
    });
  });

  test("an update's auth carries the type and only what an update may change, never the URL or secret name", () => {
    expect(credentialUpdateBody({ ...github, token: "tok_github_2" }, github)).toEqual({
      auth: { type: "static_bearer", token: "tok_github_2" },
    });
    const limited: VaultCredentialInput = { ...npm, networking: { type: "limited", allowedHosts: ["registry.npmjs.org"] } };
    expect(credentialUpdateBody(limited, npm)).toEqual({
      auth: { type: "environment_variable", secret_value: "npm_1", networking: { type: "limited", allowed_hosts: ["registry.npmjs.org"] } },
    });
  });

  test("a display name or metadata change goes beside auth: the name (null when removed), metadata as a merge patch", () => {
    const named: VaultCredentialInput = { ...github, displayName: "GitHub MCP", metadata: { team: "a", old: "x" } };
    expect(credentialUpdateBody({ ...github, displayName: "GitHub", metadata: { team: "b" } }, named)).toEqual({
      display_name: "GitHub",
      metadata: { team: "b", old: null },
    });
    expect(credentialUpdateBody(github, named)).toEqual({ display_name: null, metadata: { team: null, old: null } });
  });

  test("undeclared networking and unrestricted networking are the same credential", () => {
    const changes = planCredentials([held(npm, "vcred_n")], [{ ...npm, networking: { type: "unrestricted" } }]);
    expect(changes.map((change) => change.action)).toEqual(["keep"]);
  });

  test("an update with nothing known of the stored credential carries everything it may", () => {
    const named: VaultCredentialInput = { ...npm, displayName: "npm", metadata: { team: "web" } };
    expect(credentialUpdateBody(named)).toEqual({
      auth: { type: "environment_variable", secret_value: "npm_1", networking: { type: "unrestricted" } },
      display_name: "npm",
      metadata: { team: "web" },
    });
  });

  test("the secrets scrubbed from errors are the token or the value", () => {
    expect(secretsOf(github)).toEqual(["tok_github_1"]);
    expect(secretsOf(npm)).toEqual(["npm_1"]);
  });

  test("a credential the API reports has the identity key of the declared one", () => {
    const remote = { id: "vcred_g", auth: { type: "static_bearer", mcp_server_url: "https://mcp.github.dev" } };
    expect(remoteCredentialKey(remote)).toBe(credentialKey(github));
    expect(remoteCredentialKey({ id: "vcred_n", auth: { type: "environment_variable", secret_name: "NPM_TOKEN" } })).toBe(
      credentialKey(npm),
    );
    expect(remoteCredentialKey({ id: "vcred_o", auth: { type: "mcp_oauth", mcp_server_url: "https://mcp.github.dev" } })).toBeUndefined();
  });

  test("a secret the API would report, redacted say, is no part of a credential's identity", () => {
    const remote = { id: "vcred_g", auth: { type: "static_bearer", mcp_server_url: "https://mcp.github.dev", token: "****" } };
    expect(remoteCredentialKey(remote)).toBe(credentialKey(github));
  });
});

describe("refresh", () => {
  const stored = [held(github, "vcred_g"), held(npm, "vcred_n")];

  test("credentials still held keep their stored secrets, which the API never returns", () => {
    const listed = [
      { id: "vcred_n", auth: { type: "environment_variable", secret_name: "NPM_TOKEN" } },
      { id: "vcred_g", auth: { type: "static_bearer", mcp_server_url: "https://mcp.github.dev" } },
    ];
    expect(refreshedCredentials(stored, listed)).toEqual(stored);
  });

  test("a credential deleted or archived outside Pulumi is left out, so the next up creates it again", () => {
    const archived = {
      id: "vcred_n",
      auth: { type: "environment_variable", secret_name: "NPM_TOKEN" },
      archived_at: "2026-11-25T00:00:00Z",
    };
    expect(refreshedCredentials(stored, [archived])).toEqual([]);
    const remaining = refreshedCredentials(stored, [
      { id: "vcred_g", auth: { type: "static_bearer", mcp_server_url: "https://mcp.github.dev" } },
    ]);
    expect(remaining).toEqual([held(github, "vcred_g")]);
    expect(summary(planCredentials(remaining, [github, npm]))).toEqual([`keep ${credentialKey(github)}`, `create ${credentialKey(npm)}`]);
  });

  test("a secret the API would report, redacted say, never replaces the one state holds", () => {
    const listed = [
      { id: "vcred_g", auth: { type: "static_bearer", mcp_server_url: "https://mcp.github.dev", token: "****" } },
      { id: "vcred_n", auth: { type: "environment_variable", secret_name: "NPM_TOKEN", secret_value: "****" } },
    ];
    expect(refreshedCredentials(stored, listed)).toEqual(stored);
  });

  test("a credential turned into another type outside Pulumi is left out, so the next up creates the declared one", () => {
    const listed = [
      { id: "vcred_g", auth: { type: "environment_variable", secret_name: "GITHUB_TOKEN" } },
      { id: "vcred_n", auth: { type: "environment_variable", secret_name: "NPM_TOKEN" } },
    ];
    const refreshed = refreshedCredentials(stored, listed);
    expect(refreshed).toEqual([held(npm, "vcred_n")]);
    expect(summary(planCredentials(refreshed, [github, npm]))).toEqual([`create ${credentialKey(github)}`, `keep ${credentialKey(npm)}`]);
  });

  test("a URL changed outside Pulumi is recorded, so the next up puts the declared one back", () => {
    const listed = [
      { id: "vcred_g", auth: { type: "static_bearer", mcp_server_url: "https://elsewhere.dev" } },
      { id: "vcred_n", auth: { type: "environment_variable", secret_name: "NPM_TOKEN" } },
    ];
    const refreshed = refreshedCredentials(stored, listed);
    expect(refreshed[0]).toEqual({ ...held(github, "vcred_g"), mcpServerUrl: "https://elsewhere.dev" });
    expect(summary(planCredentials(refreshed, [github, npm]))).toEqual([
      `create ${credentialKey(github)}`,
      `keep ${credentialKey(npm)}`,
      "delete vcred_g",
    ]);
  });
});

describe("the vault's diff", () => {
  const rules = rulesOf(vaultProperties);
  const state = { displayName: "v", credentials: [held(github, "vcred_g"), held(npm, "vcred_n")] };

  test("reordered credentials, or ids only state holds, are no change", () => {
    expect(diffProperties(rules, state, { displayName: "v", credentials: [npm, github] })).toEqual({ changes: false, replaces: [] });
  });

  test("a credential change is an in-place update, never a replacement", () => {
    for (const credentials of [[{ ...github, token: "tok_github_2" }, npm], [github], [github, npm, linear]]) {
      expect(diffProperties(rules, state, { displayName: "v", credentials })).toEqual({ changes: true, replaces: [] });
    }
  });

  test("a new display name or new metadata replaces the vault", () => {
    expect(diffProperties(rules, state, { ...state, displayName: "w" }).replaces).toEqual(["displayName"]);
    expect(diffProperties(rules, state, { ...state, metadata: { team: "x" } }).replaces).toEqual(["metadata"]);
  });

  test("a token not known during preview shows an update", () => {
    expect(diffProperties(rules, state, { displayName: "v", credentials: [{ ...github, token: UNKNOWN }, npm] })).toEqual({
      changes: true,
      replaces: [],
    });
  });

  test("a deletion mode change is recorded, with no replacement", () => {
    expect(diffProperties(rules, state, { ...state, deletionMode: "delete" })).toEqual({ changes: true, replaces: [] });
  });
});
