import { createHash, scryptSync } from "node:crypto";
import { z } from "zod";
import { property } from "../../provider/dynamic/properties";
import {
  fingerprint,
  fingerprintOf,
  joinSecrets,
  secretFieldsOf,
  slowFingerprint,
  splitItem,
  splitSecrets,
} from "../../provider/dynamic/secret-split";
import { UNKNOWN } from "../../provider/dynamic/unknown";
import { REPOSITORY_SECRET_FIELDS } from "../../provider/session/repository-model";

const TOKEN = "ghp_fingerprint_token_0001";
const PASSWORD = "summer2024";

describe("fingerprints by kind of secret", () => {
  test("the rules decide: a GitHub token is machine-issued, a Git password user-chosen", () => {
    expect(REPOSITORY_SECRET_FIELDS).toEqual({ authorizationToken: "machine-issued", password: "user-chosen" });
  });

  test("any shape's secret fields come with the kind their rule declares", () => {
    const shape = {
      name: property(z.string(), { change: "replace" }),
      apiKey: property(z.string(), { change: "rotate", secret: "machine-issued" }),
      secretValue: property(z.string(), { change: "rotate", secret: "user-chosen" }),
    };
    expect(secretFieldsOf(shape)).toEqual({ apiKey: "machine-issued", secretValue: "user-chosen" });
  });

  test("a machine-issued secret keeps the fast digest stored fingerprints were made with", () => {
    const digest = createHash("sha256").update("pulumi-qoder secret fingerprint\u0000").update(TOKEN).digest("hex").slice(0, 12);
    expect(fingerprint(TOKEN)).toBe(digest);
    expect(fingerprintOf("authorizationToken", "machine-issued", TOKEN)).toBe(digest);
  });

  test("a user-chosen secret gets 12 hex of scrypt (N 2^14, r 8, p 1) salted with the field's name", () => {
    const expected = scryptSync(PASSWORD, "pulumi-qoder fingerprint of password", 6, { N: 2 ** 14, r: 8, p: 1 }).toString("hex");
    expect(slowFingerprint("password", PASSWORD)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprintOf("password", "user-chosen", PASSWORD)).toBe(expected);
  });

  test("a slow fingerprint is neither the fast one nor another field's, and tells values apart", () => {
    const slow = slowFingerprint("password", PASSWORD);
    expect(slow).not.toBe(fingerprint(PASSWORD));
    expect(slow).not.toBe(slowFingerprint("secretValue", PASSWORD));
    expect(slow).not.toBe(slowFingerprint("password", `${PASSWORD}!`));
    // Computed again (from the cache or not), it is the same.
    expect(slowFingerprint("password", PASSWORD)).toBe(slow);
  });
});

describe("splitting and joining items of both kinds", () => {
  const fields = { authorizationToken: "machine-issued", password: "user-chosen" } as const;
  const github = { url: "https://github.com/acme/a", authorizationToken: TOKEN };
  const git = { type: "git", url: "https://u@git.example.com/a.git", password: PASSWORD };

  test("each item keeps its own secret field apart, with the fingerprint of its kind", () => {
    expect(splitItem(github, fields)).toEqual({
      visible: { url: github.url, authorizationTokenFingerprint: fingerprint(TOKEN) },
      secrets: { authorizationToken: TOKEN },
    });
    expect(splitItem(git, fields)).toEqual({
      visible: { type: "git", url: git.url, passwordFingerprint: slowFingerprint("password", PASSWORD) },
      secrets: { password: PASSWORD },
    });
  });

  test("split, then joined, gives the items back", () => {
    const props = { repositories: [github, git] };
    const split = splitSecrets(props, "repositories", fields);
    expect(JSON.stringify(split.repositories)).not.toContain(PASSWORD);
    expect(joinSecrets(split, "repositories", fields)).toEqual(props);
  });

  test("secrets unknown during preview make unknown only the secret field each item carries a fingerprint of", () => {
    const props = {
      repositories: [
        { url: github.url, authorizationTokenFingerprint: UNKNOWN },
        { type: "git", url: git.url, passwordFingerprint: "0123456789ab" },
        { url: "https://github.com/acme/b" },
      ],
      repositorySecrets: UNKNOWN,
    };
    expect(joinSecrets(props, "repositories", fields).repositories).toEqual([
      { url: github.url, authorizationToken: UNKNOWN },
      { type: "git", url: git.url, password: UNKNOWN },
      { url: "https://github.com/acme/b", authorizationToken: UNKNOWN, password: UNKNOWN },
    ]);
  });
});
