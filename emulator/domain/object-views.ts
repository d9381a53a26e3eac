import type { StoredAgent } from "./agent-store";
import type { Agent } from "./agent-wire-types";
import type { CredentialSecrets } from "./credential-secrets";
import type { StoredCredential } from "./vault-credential-store";
import type { StoredVault } from "./vault-store";
import type { Vault, VaultCredential } from "./vault-wire-types";

/** An agent as a test sees it: its latest version, plus every version, oldest first. */
export interface EmulatedAgent extends Agent {
  versions: Agent[];
}

/** A deep copy of the agent for tests, earlier versions included. */
export function emulatedAgent(stored: StoredAgent): EmulatedAgent {
  return { ...structuredClone(stored.object), versions: structuredClone([...stored.earlier, stored.object]) };
}

/** A vault credential as a test sees it: the API's object plus the secrets the API never shows. */
export interface EmulatedVaultCredential extends VaultCredential {
  /** Every secret it received, oldest first: the create's, then those of each update that gave one. */
  secretHistory: string[];
  /**
   * The secrets it holds now, by the `auth` member that carried each: `token`, `secret_value`, or
   * `access_token` with `refresh_token` and `client_secret` when its refresh has them.
   */
  secrets: CredentialSecrets;
}

/** A vault as a test sees it, with all its credentials (archived ones included), oldest first. */
export interface EmulatedVault extends Vault {
  credentials: EmulatedVaultCredential[];
}

/** A deep copy of the credential for tests, its secrets included. */
export function emulatedVaultCredential(stored: StoredCredential): EmulatedVaultCredential {
  return { ...structuredClone(stored.object), secretHistory: [...stored.secretHistory], secrets: { ...stored.secrets } };
}

/** A deep copy of the vault for tests, credentials and their secrets included. */
export function emulatedVault(stored: StoredVault): EmulatedVault {
  return { ...structuredClone(stored.object), credentials: stored.credentials.list(true).map(emulatedVaultCredential) };
}
