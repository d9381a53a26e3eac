import type { StoredAgent } from "./agent-store";
import type { Agent, Vault, VaultCredential } from "./object-wire-types";
import type { StoredVault } from "./vault-store";

/** An agent as a test sees it: its latest version, plus every version, oldest first. */
export interface EmulatedAgent extends Agent {
  versions: Agent[];
}

/** A deep copy of the agent for tests, earlier versions included. */
export function emulatedAgent(stored: StoredAgent): EmulatedAgent {
  return { ...structuredClone(stored.object), versions: structuredClone([...stored.earlier, stored.object]) };
}

/** A vault credential as a test sees it: the API's object plus every secret it received, oldest first. */
export interface EmulatedVaultCredential extends VaultCredential {
  secretHistory: string[];
}

/** A vault as a test sees it, with all its credentials (archived ones included), oldest first. */
export interface EmulatedVault extends Vault {
  credentials: EmulatedVaultCredential[];
}

/** A deep copy of the vault for tests, credentials and their secrets included. */
export function emulatedVault(stored: StoredVault): EmulatedVault {
  return {
    ...structuredClone(stored.object),
    credentials: stored.credentials.list(true).map((credential) => ({
      ...structuredClone(credential.object),
      secretHistory: [...credential.secretHistory],
    })),
  };
}
