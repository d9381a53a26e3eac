/**
 * The one declaration of a vault's properties and of its credentials' (docs/api-contract.md#vaults):
 * type, validation and what a change does.
 *
 * Why credentials are a list inside the Vault rather than a resource of their own:
 * - A Session names `vault.id`, so it waits for the Vault resource, and with credentials inside
 *   it, for every credential: no Session starts against a vault still half filled.
 * - The API cannot update a vault, so a new display name or metadata means a new vault, and its
 *   credentials must follow it. Inside the Vault they are created with the new vault in the same
 *   step; as separate resources, each would have to be replaced through its `vaultId`.
 * - It is the Session's own pattern for write-only secrets in a list (repositories and their
 *   tokens): secrets split into `credentialSecrets`, a plaintext fingerprint per secret for
 *   previews, and each credential's API id (`credentialId`) kept in state.
 * Credentials still change in place: a new secret is rotated, a new identity deletes the old
 * credential and creates the new one, and the vault itself stays.
 */
import { z } from "zod";
import { canonicalJson, type PropertyRule, property, rulesOf, sameValue, strictObject } from "../dynamic/properties";
import { deletionModeProperty, mcpServerUrlSchema, metadataProperty, nameSchema, problem } from "../dynamic/schemas";
import { secretFieldsOf } from "../dynamic/secret-split";
import { containsUnknown } from "../dynamic/unknown";
import { allowedHostProblem, hostKey } from "../environment/allowed-host";

const TRAILING_NEWLINE_HINT = "a trailing newline from a file or pipe is the usual cause";

/** What is wrong with a secret value, if anything: empty, line breaks, or whitespace at either end. */
function secretProblem(value: string): string | undefined {
  if (value === "") return "must not be empty: set it, for example from secret config (`config.requireSecret(…)`)";
  if (/[\r\n]/.test(value)) return `must not contain line breaks (${TRAILING_NEWLINE_HINT})`;
  if (value.trim() !== value) return `must not begin or end with whitespace (${TRAILING_NEWLINE_HINT})`;
  return undefined;
}

function secretSchema(what: string) {
  return z.string({ error: `must be a string ${what}` }).superRefine(problem(secretProblem));
}

/** What a credential carries beside its `auth`, in both types: a name for the console and metadata. */
const credentialObjectShape = {
  /** Shown in the Qoder console; at most 255 characters. Updated in place. */
  displayName: property(nameSchema().optional(), { change: "update", wire: "display_name", label: "display name" }),
  /** String keys (1–64 characters) to string values (at most 512). Updated in place as a merge patch. */
  metadata: metadataProperty(),
};

/** The credential fields sent beside `auth` rather than inside it. */
export const CREDENTIAL_OBJECT_FIELDS: ReadonlySet<string> = new Set(Object.keys(credentialObjectShape));

/**
 * Where an environment variable's secret may be sent: `{ type: "unrestricted" }` (wherever the
 * environment's network policy lets traffic go; the default) or `{ type: "limited", allowedHosts }`
 * (only requests to these hosts, at most 16, get the secret filled in).
 */
const credentialNetworkingSchema = z.discriminatedUnion(
  "type",
  [
    strictObject({ type: z.literal("unrestricted") }, '{ type: "unrestricted" }'),
    strictObject(
      {
        type: z.literal("limited"),
        allowedHosts: z
          .array(z.string({ error: "must be a string" }).superRefine(problem(allowedHostProblem)), {
            error: "must be a list of host names",
          })
          .max(16, { error: "must have at most 16 hosts" })
          .superRefine(uniqueHosts),
      },
      'must be { type: "limited", allowedHosts: [...] }',
    ),
  ],
  { error: 'must be { type: "unrestricted" } or { type: "limited", allowedHosts: ["api.example.com"] }' },
);

/** No host listed twice (case does not matter). */
function uniqueHosts(hosts: string[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  hosts.forEach((host, index) => {
    if (containsUnknown(host)) return;
    const first = seen.get(hostKey(host));
    if (first === undefined) seen.set(hostKey(host), index);
    else ctx.addIssue({ code: "custom", path: [index], message: `names "${host}" again (as allowedHosts[${first}])` });
  });
}

/** Not declared means unrestricted: both ask the API for the same credential. */
const sameNetworking = (a: unknown, b: unknown) => canonicalJson(normalizedNetworking(a)) === canonicalJson(normalizedNetworking(b));

function normalizedNetworking(networking: unknown): unknown {
  const given = (networking ?? { type: "unrestricted" }) as { type?: unknown; allowedHosts?: unknown };
  if (given.type !== "limited" || !Array.isArray(given.allowedHosts)) return given;
  return { type: "limited", allowedHosts: given.allowedHosts.map((host) => hostKey(String(host))).sort() };
}

const staticBearerShape = {
  type: property(z.literal("static_bearer"), { change: "replace", wire: "type" }),
  /** The MCP server the token is for: `https://…`, at most 2048 characters. Identifies the credential. */
  mcpServerUrl: property(mcpServerUrlSchema({ allowHttp: false }), {
    change: "replace",
    wire: "mcp_server_url",
    label: "MCP server URL",
  }),
  /** The bearer token sent to the MCP server. Write-only, always secret; a new one is rotated in place. */
  token: property(secretSchema("token"), { change: "rotate", wire: "token", secret: "machine-issued" }),
  ...credentialObjectShape,
};

const environmentVariableShape = {
  type: property(z.literal("environment_variable"), { change: "replace", wire: "type" }),
  /** The environment variable's name, e.g. `NPM_TOKEN`. Identifies the credential. */
  secretName: property(
    z.string({ error: "must be a string" }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      error: (issue) =>
        `must be an environment variable name (letters, digits and _, not starting with a digit), got ${JSON.stringify(issue.input)}`,
    }),
    { change: "replace", wire: "secret_name", label: "secret name" },
  ),
  /**
   * The variable's value. Write-only, always secret; a new one is rotated in place. A value a
   * person chose (a password, say), unlike a minted token, so its preview fingerprint is the slow,
   * salted one (dynamic/secret-split.ts).
   */
  secretValue: property(secretSchema("value"), { change: "rotate", wire: "secret_value", secret: "user-chosen" }),
  /**
   * Which hosts' requests get the secret filled in: `{ type: "unrestricted" }` (the default) or
   * `{ type: "limited", allowedHosts: ["api.example.com"] }`. Updated in place.
   */
  networking: property(credentialNetworkingSchema.optional(), { change: "update", wire: "networking", same: sameNetworking }),
  /** Where in a request the secret is filled in, `{ body?: boolean, header?: boolean }`; the API's default when left out. Updated in place. */
  injectionLocation: property(
    strictObject(
      { body: z.boolean({ error: "must be true or false" }).optional(), header: z.boolean({ error: "must be true or false" }).optional() },
      "must be an object { body?: boolean, header?: boolean }",
    ).optional(),
    { change: "update", wire: "injection_location", label: "injection location" },
  ),
  ...credentialObjectShape,
};

const credentialTypes = '"static_bearer" or "environment_variable"';

const credentialSchema = z.discriminatedUnion(
  "type",
  [
    strictObject(staticBearerShape, 'must be { type: "static_bearer", mcpServerUrl, token, displayName?, metadata? }'),
    strictObject(
      environmentVariableShape,
      'must be { type: "environment_variable", secretName, secretValue, networking?, injectionLocation?, displayName?, metadata? }',
    ),
  ],
  {
    error: (issue) => {
      if (issue.code !== "invalid_union") return `must be a credential object whose type is ${credentialTypes}`;
      const type = (issue.input as { type?: unknown } | undefined)?.type;
      if (type === undefined) return `must be set: ${credentialTypes}`;
      if (type === "mcp_oauth") {
        return `"mcp_oauth" credentials are not supported by this provider (they need an OAuth flow); use ${credentialTypes}, or add the credential in the Qoder console`;
      }
      return `unknown credential type ${JSON.stringify(type)}; expected ${credentialTypes}`;
    },
  },
);

/** One credential of a vault: a bearer token for an MCP server, or a secret environment variable. */
export type VaultCredentialInput = z.output<typeof credentialSchema>;

/** A bearer token the vault holds for an MCP server. */
export type StaticBearerCredentialInput = Extract<VaultCredentialInput, { type: "static_bearer" }>;

/** A secret environment variable the vault holds. */
export type EnvironmentVariableCredentialInput = Extract<VaultCredentialInput, { type: "environment_variable" }>;

/** The rules of each credential type's fields. */
const CREDENTIAL_RULES: Record<VaultCredentialInput["type"], [string, PropertyRule][]> = {
  static_bearer: rulesOf(staticBearerShape),
  environment_variable: rulesOf(environmentVariableShape),
};

/** The rules of a credential type's fields; undefined for a type not declared here (whatever the string). */
export function credentialRules(type: unknown): [string, PropertyRule][] | undefined {
  return typeof type === "string" && Object.hasOwn(CREDENTIAL_RULES, type)
    ? CREDENTIAL_RULES[type as VaultCredentialInput["type"]]
    : undefined;
}

/**
 * The credential fields that are secret (`token`, `secretValue`). They travel in a top-level
 * property of their own, `credentialSecrets`, so that types, URLs and names stay plaintext.
 */
export const CREDENTIAL_SECRET_FIELDS = { ...secretFieldsOf(staticBearerShape), ...secretFieldsOf(environmentVariableShape) };

/** The fields that identify a credential (its type and URL or name), in their wire form: the ones the API cannot change. */
export function credentialIdentity(credential: VaultCredentialInput): Record<string, unknown> {
  const identity: Record<string, unknown> = {};
  const values = credential as Record<string, unknown>;
  for (const [name, rule] of credentialRules(credential.type) ?? []) {
    if (rule.change === "replace" && rule.wire) identity[rule.wire] = values[name];
  }
  return identity;
}

/**
 * What a credential is matched by across old and new inputs and the API, never by list position:
 * its type with its MCP server URL or its secret name.
 */
export function credentialKey(credential: VaultCredentialInput): string {
  return canonicalJson(credentialIdentity(credential));
}

/** True when two credentials of one identity are the same in every field, under each field's rule. */
export function sameCredential(a: VaultCredentialInput, b: VaultCredentialInput): boolean {
  const values = (credential: VaultCredentialInput) => credential as Record<string, unknown>;
  return (credentialRules(b.type) ?? []).every(([name, rule]) => sameValue(rule, values(a)[name], values(b)[name]));
}

/** The same credentials with the same secrets and settings, whatever their order (ids kept in state do not count). */
function sameCredentials(a: VaultCredentialInput[] | undefined, b: VaultCredentialInput[] | undefined): boolean {
  const before = new Map((a ?? []).map((credential) => [credentialKey(credential), credential]));
  const after = b ?? [];
  return (
    before.size === (a ?? []).length &&
    after.length === before.size &&
    after.every((credential) => {
      const earlier = before.get(credentialKey(credential));
      return earlier !== undefined && sameCredential(earlier, credential);
    })
  );
}

/** Each MCP server URL and each secret name declared once. */
function checkDuplicates(list: VaultCredentialInput[], ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  list.forEach((credential, index) => {
    const key = credentialKey(credential);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    const [field, what] = credential.type === "static_bearer" ? ["mcpServerUrl", "MCP server URL"] : ["secretName", "secret name"];
    ctx.addIssue({
      code: "custom",
      path: [index, field],
      message: `duplicates credentials[${earlier}]: each ${what} may have only one credential`,
    });
  });
}

const vaultShape = {
  /** Shown in the Qoder console; 1–255 characters. The API cannot update a vault: changing it replaces the vault. */
  displayName: property(nameSchema(), { change: "replace", wire: "display_name", label: "display name" }),
  /** String keys (1–64 characters) to string values (at most 512). Changing it replaces the vault. */
  metadata: metadataProperty({ change: "replace" }),
  /**
   * The vault's credentials; their order does not matter. Changed in place, without a new vault:
   * a new secret is rotated, a new URL, name or type deletes the credential and creates another.
   */
  credentials: property(z.array(credentialSchema, { error: "must be a list of credentials" }).superRefine(checkDuplicates).optional(), {
    change: "update",
    same: sameCredentials,
  }),
  /** `"archive"` (default) or `"delete"` (permanent) when the vault is destroyed or replaced. */
  deletionMode: deletionModeProperty(),
};

/** The schema `check` validates a vault's inputs with. */
export const vaultSchema = strictObject(vaultShape, "must be an object of Vault inputs");

/** The vault's properties, with their rules. */
export const vaultProperties = vaultShape;

/** A vault's inputs once the engine has resolved every `Input`. */
export type VaultInputs = z.output<typeof vaultSchema>;
