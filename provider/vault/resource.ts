import * as pulumi from "@pulumi/pulumi";
import { type ArgsOf, type OutputsOf, splitSecretArgs } from "../dynamic/resource-args";
import { registeredProperties } from "../dynamic/resource-class";
import { secretsProperty } from "../dynamic/secret-split";
import { providerShim } from "../dynamic/shim";
import { CREDENTIAL_SECRET_FIELDS, type VaultCredentialInput, type VaultInputs, vaultProperties } from "./model";
import type { StoredVaultState } from "./state";

/** One credential of a {@link Vault}: `{ type: "static_bearer", mcpServerUrl, token }` or `{ type: "environment_variable", secretName, secretValue }`. */
export type VaultCredentialArgs = ArgsOf<VaultCredentialInput>;

/** Arguments of {@link Vault}; each property's rules are declared in one place, `model.ts`. */
export interface VaultArgs extends ArgsOf<VaultInputs> {}

/**
 * The outputs a vault exposes: its inputs as stored, each credential with its id (`vcred_…`) and
 * its secret's fingerprint, the secrets apart in `credentialSecrets`. Its id (`vault_…`) is `id`.
 */
export interface Vault extends OutputsOf<StoredVaultState> {}

/**
 * A Qoder vault and its credentials, which Sessions use from create (`vaultIds: [vault.id]`): a
 * Session that names the vault starts only once every credential is in place.
 *
 * The API cannot update a vault, so changing `displayName` or `metadata` replaces it: the new
 * vault and its credentials are created before the old one is archived (or deleted, with
 * `deletionMode: "delete"`). Credentials change in place: a new token or value is rotated, a new
 * MCP server URL, secret name or type deletes the old credential and creates the new one, and
 * credentials added or removed are created or deleted. Tokens and values are always secret.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Vault extends pulumi.dynamic.Resource {
  constructor(name: string, args: VaultArgs, opts?: pulumi.CustomResourceOptions) {
    const secrets = secretsProperty("credentials");
    const properties = registeredProperties(name, args, [...Object.keys(vaultProperties), secrets]);
    if (args.credentials !== undefined) {
      // A list given as an output may resolve to nothing: that is no credential.
      const list = Array.isArray(args.credentials) ? args.credentials : pulumi.output(args.credentials).apply((items) => items ?? []);
      const credentials = splitSecretArgs(list as pulumi.Input<pulumi.Input<object>[]>, CREDENTIAL_SECRET_FIELDS);
      properties.credentials = credentials.visible;
      properties[secrets] = credentials.secrets;
    }
    // The secrets' own property is secret whatever the engine learns of it (a refresh, say).
    const secretOutputs = [...(opts?.additionalSecretOutputs ?? []), secrets];
    super(providerShim("Vault"), name, properties, { ...opts, additionalSecretOutputs: secretOutputs }, "qoder", "Vault");
  }
}
