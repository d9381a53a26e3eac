import type { EnvironmentVariableCredentialInput, StaticBearerCredentialInput, VaultCredentialInput, VaultInputs } from "./model";

/** A credential as stored: its inputs and the id of the credential the API holds for it. */
export type VaultCredentialState = VaultCredentialInput & {
  /** `vcred_…`: the credential in the vault. */
  credentialId: string;
};

/**
 * Everything stored for a vault: its inputs, and each credential the vault is known to hold. A
 * declared credential missing here (one that failed, or was deleted outside Pulumi) is created by
 * the next `pulumi up`; one here that is no longer declared is deleted by it.
 */
export type VaultState = Omit<VaultInputs, "credentials"> & { credentials?: VaultCredentialState[] };

/** A stored bearer-token credential, without its token but with the token's fingerprint. */
export type StoredStaticBearerCredential = Omit<StaticBearerCredentialInput, "token"> & {
  /** A short one-way fingerprint of the token: a preview shows that it changes, never the token. */
  tokenFingerprint: string;
  credentialId: string;
};

/** A stored environment-variable credential, without its value but with the value's fingerprint. */
export type StoredEnvironmentVariableCredential = Omit<EnvironmentVariableCredentialInput, "secretValue"> & {
  /** A short one-way fingerprint of the value: a preview shows that it changes, never the value. */
  secretValueFingerprint: string;
  credentialId: string;
};

/**
 * A vault's state as the engine stores it and the resource exposes it: the secrets in
 * `credentialSecrets` (secret), apart from the credentials (plaintext).
 */
export type StoredVaultState = Omit<VaultState, "credentials"> & {
  credentials?: (StoredStaticBearerCredential | StoredEnvironmentVariableCredential)[];
  /** Each credential's secret (`token` or `secretValue`), in the order of `credentials`. Secret. */
  credentialSecrets?: (Pick<StaticBearerCredentialInput, "token"> | Pick<EnvironmentVariableCredentialInput, "secretValue">)[];
};
