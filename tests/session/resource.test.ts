import * as pulumi from "@pulumi/pulumi";
import { splitSecretArgs } from "../../provider/dynamic/resource-args";
import { fingerprint, slowFingerprint, splitItem } from "../../provider/dynamic/secret-split";
import { REPOSITORY_SECRET_FIELDS } from "../../provider/session/repository-model";
import { SESSION_TYPE, Session } from "../../provider/session/resource";
import { mockProgram, resolve } from "../mocked-program";

const TOKEN = "ghp_unit_secret_token_0001";
const PASSWORD = "correct horse battery";
// The resource's create identity names the organization, which a real program always has.
const registered = mockProgram((args) => ({ id: "sess_mock", state: { ...args.inputs, sessionId: "sess_mock" } }));

describe("Session resource", () => {
  beforeAll(async () => {
    const session = new Session("demo", {
      agent: "agent_1",
      environmentId: "env_1",
      repositories: [{ url: "https://github.com/acme/backend", authorizationToken: TOKEN }],
    });
    await resolve(session.id);
  });

  test("registers with the type token pulumi-nodejs:dynamic/qoder:Session", () => {
    expect(SESSION_TYPE).toBe("pulumi-nodejs:dynamic/qoder:Session");
    expect(registered.map((args) => args.type)).toEqual([SESSION_TYPE]);
  });

  test("a token given as a plain string goes, secret, into repositorySecrets; the repository keeps the rest in plaintext", async () => {
    const { visible, secrets } = splitSecretArgs(
      [{ url: "https://github.com/acme/backend", authorizationToken: TOKEN }],
      REPOSITORY_SECRET_FIELDS,
    );
    expect(visible).toEqual([{ url: "https://github.com/acme/backend", authorizationTokenFingerprint: fingerprint(TOKEN) }]);
    expect(await pulumi.isSecret(secrets as pulumi.Output<unknown>)).toBe(true);
    expect(await resolve(pulumi.unsecret(secrets as pulumi.Output<unknown>))).toEqual([{ authorizationToken: TOKEN }]);
  });

  test("a repository list given as a secret output is split once resolved: only the tokens stay secret", async () => {
    const declared = pulumi.secret([{ url: "https://github.com/acme/backend", mountPath: "/app", authorizationToken: TOKEN }]);
    const { visible, secrets } = splitSecretArgs(declared, REPOSITORY_SECRET_FIELDS);
    expect(await pulumi.isSecret(visible as pulumi.Output<unknown>)).toBe(false);
    expect(await resolve(visible as pulumi.Output<unknown>)).toEqual([
      { url: "https://github.com/acme/backend", mountPath: "/app", authorizationTokenFingerprint: fingerprint(TOKEN) },
    ]);
    expect(await pulumi.isSecret(secrets as pulumi.Output<unknown>)).toBe(true);
  });

  test("a token given as a secret output gets its fingerprint in plaintext, and the fingerprint is not the token", async () => {
    const { visible } = splitSecretArgs(
      [{ url: "https://github.com/acme/backend", authorizationToken: pulumi.secret(TOKEN) }],
      REPOSITORY_SECRET_FIELDS,
    );
    const [entry] = visible as { authorizationTokenFingerprint: pulumi.Output<string> }[];
    expect(await pulumi.isSecret(entry.authorizationTokenFingerprint)).toBe(false);
    expect(await resolve(entry.authorizationTokenFingerprint)).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprint(TOKEN)).not.toContain(TOKEN.slice(4, 10));
    expect(fingerprint(TOKEN)).not.toBe(fingerprint(`${TOKEN}x`));
  });

  test("a Git password, plain or a secret output, gets the provider's slow fingerprint in plaintext and travels secret", async () => {
    const git = { type: "git", url: "https://deploy@git.example.com/a.git", password: PASSWORD };
    const provider = splitItem(git, REPOSITORY_SECRET_FIELDS).visible;
    expect(provider).toEqual({ type: "git", url: git.url, passwordFingerprint: slowFingerprint("password", PASSWORD) });
    for (const password of [PASSWORD, pulumi.secret(PASSWORD)]) {
      const { visible, secrets } = splitSecretArgs([{ ...git, password }], REPOSITORY_SECRET_FIELDS);
      const [entry] = visible as { passwordFingerprint: pulumi.Input<string> }[];
      const shown = pulumi.output(entry.passwordFingerprint);
      expect(await pulumi.isSecret(shown)).toBe(false);
      expect(await resolve(shown)).toBe(provider.passwordFingerprint);
      expect(await pulumi.isSecret(secrets as pulumi.Output<unknown>)).toBe(true);
      expect(await resolve(pulumi.unsecret(secrets as pulumi.Output<unknown>))).toEqual([{ password: PASSWORD }]);
    }
  });

  test("registers the repositories without tokens and the tokens apart, as repositorySecrets", () => {
    const inputs = registered[0].inputs;
    expect(inputs.repositories).toEqual([{ url: "https://github.com/acme/backend", authorizationTokenFingerprint: fingerprint(TOKEN) }]);
    expect(inputs.repositorySecrets).toEqual({
      [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
      value: [{ authorizationToken: TOKEN }],
    });
  });

  test("the serialized provider is a thin shim under 3 KB that holds no token", () => {
    const provider = registered[0].inputs.__provider as string;
    expect(typeof provider).toBe("string");
    expect(Buffer.byteLength(provider)).toBeLessThan(3 * 1024);
    expect(provider).toContain('require("pulumi-qoder/runtime")');
    expect(provider).not.toContain(TOKEN);
    expect(provider).not.toContain(Buffer.from(TOKEN).toString("base64"));
  });
});
