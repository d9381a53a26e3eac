/** The members of a credential's `auth` that carry a secret, which no response ever shows. */
export type SecretField = "token" | "secret_value" | "access_token" | "refresh_token" | "client_secret";

/** The secrets a credential holds (or a request gave), by the member that carried each. */
export type CredentialSecrets = Partial<Record<SecretField, string>>;

/** The order secrets are recorded in when one request gives several. */
const SECRET_FIELDS: readonly SecretField[] = ["token", "secret_value", "access_token", "refresh_token", "client_secret"];

/** The values of `secrets`, in {@link SECRET_FIELDS} order. */
export function secretValues(secrets: CredentialSecrets): string[] {
  return SECRET_FIELDS.flatMap((field) => (secrets[field] === undefined ? [] : [secrets[field]]));
}
