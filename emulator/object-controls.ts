import type { AgentUpdateInput, EnvironmentUpdateInput, MemoryStoreUpdateInput, VaultCredentialUpdateInput } from "./control-inputs";
import type { Agent } from "./domain/agent-wire-types";
import type { EmulatorState } from "./domain/emulator-state";
import type { Environment } from "./domain/environment-wire-types";
import type { MemoryStore } from "./domain/memory-store-wire-types";
import {
  type EmulatedAgent,
  type EmulatedVault,
  type EmulatedVaultCredential,
  emulatedAgent,
  emulatedVault,
  emulatedVaultCredential,
} from "./domain/object-views";
import type { Vault, VaultCredential } from "./domain/vault-wire-types";
import { objectView } from "./handlers/object-handlers";
import { outOfBand } from "./out-of-band";
import { parseUpdateAgentBody } from "./validation/agent-body";
import { parseUpdateEnvironmentBody } from "./validation/environment-body";
import { parseUpdateMemoryStoreBody } from "./validation/memory-store-body";
import { parseUpdateVaultCredentialBody } from "./validation/vault-credential-body";

/**
 * Test controls over agents, environments, memory stores and vaults: read views (deep copies,
 * archived objects included, deleted ones gone) and changes made outside the API, as someone
 * using the console would make them. A change follows the API's rules and throws
 * `Emulator rejected the change: …` where the API would refuse it (an unknown id, say).
 */
export interface ObjectControls {
  /** Every agent at its latest version, with all its versions, oldest first. */
  agents(): EmulatedAgent[];
  /** One agent with all its versions, or `undefined` if it does not exist. */
  agent(id: string): EmulatedAgent | undefined;
  /** Updates an agent out of band, making version + 1; archived agents and a stale `version` refuse. */
  updateAgent(id: string, update: AgentUpdateInput): Agent;
  /** Archives an agent out of band (a repeat leaves it unchanged). */
  archiveAgent(id: string): Agent;
  /** Every environment, oldest first. */
  environments(): Environment[];
  /** One environment, or `undefined` if it does not exist (or was deleted). */
  environment(id: string): Environment | undefined;
  /** Updates an environment out of band; archived ones refuse. */
  updateEnvironment(id: string, update: EnvironmentUpdateInput): Environment;
  /** Archives an environment out of band: new sessions can no longer use it (a repeat leaves it unchanged). */
  archiveEnvironment(id: string): Environment;
  /** Deletes an environment out of band; refused while sessions that are not archived use it. */
  deleteEnvironment(id: string): void;
  /** Every memory store, oldest first. */
  memoryStores(): MemoryStore[];
  /** One memory store, or `undefined` if it does not exist (or was deleted). */
  memoryStore(id: string): MemoryStore | undefined;
  /** Updates a memory store out of band; archived ones refuse. */
  updateMemoryStore(id: string, update: MemoryStoreUpdateInput): MemoryStore;
  /** Archives a memory store out of band (a repeat leaves it unchanged). */
  archiveMemoryStore(id: string): MemoryStore;
  /** Deletes a memory store out of band. */
  deleteMemoryStore(id: string): void;
  /**
   * Every vault, oldest first, each with its credentials, every secret each credential received
   * (`secretHistory`, oldest first: the create's, then those of each update that sent one) and the
   * secrets it holds now (`secrets`, by the `auth` member that carried each).
   */
  vaults(): EmulatedVault[];
  /** One vault with its credentials and their secret histories, or `undefined` if it does not exist (or was deleted). */
  vault(id: string): EmulatedVault | undefined;
  /** Archives a vault out of band: no credential can be added or updated in it afterwards. */
  archiveVault(id: string): Vault;
  /** Deletes a vault and its credentials out of band. */
  deleteVault(id: string): void;
  /**
   * One credential of a vault with its secret history and the secrets it holds now, or `undefined`
   * if the vault or the credential does not exist (or was deleted).
   */
  vaultCredential(vaultId: string, credentialId: string): EmulatedVaultCredential | undefined;
  /** Updates a credential out of band (a rotation in the console, say), recording any secret given; archived ones refuse. */
  updateVaultCredential(vaultId: string, credentialId: string, update: VaultCredentialUpdateInput): VaultCredential;
  /** Deletes one credential of a vault out of band. */
  deleteVaultCredential(vaultId: string, credentialId: string): void;
}

/** The controls over `state`. */
export function createObjectControls(state: EmulatorState): ObjectControls {
  const { agents, environments, memoryStores, vaults } = state;
  return {
    agents: () => agents.list(true).map(emulatedAgent),
    agent: (id) => found(agents.find(id), emulatedAgent),
    updateAgent: (id, update) => objectView(outOfBand(() => agents.update(id, parseUpdateAgentBody(update)))),
    archiveAgent: (id) => objectView(outOfBand(() => agents.archive(id))),
    environments: () => environments.list(true).map(objectView),
    environment: (id) => found(environments.find(id), objectView),
    updateEnvironment: (id, update) => objectView(outOfBand(() => environments.update(id, parseUpdateEnvironmentBody(update)))),
    archiveEnvironment: (id) => objectView(outOfBand(() => environments.archive(id))),
    deleteEnvironment: (id) => outOfBand(() => environments.delete(id)),
    memoryStores: () => memoryStores.list(true).map(objectView),
    memoryStore: (id) => found(memoryStores.find(id), objectView),
    updateMemoryStore: (id, update) => objectView(outOfBand(() => memoryStores.update(id, parseUpdateMemoryStoreBody(update)))),
    archiveMemoryStore: (id) => objectView(outOfBand(() => memoryStores.archive(id))),
    deleteMemoryStore: (id) => outOfBand(() => memoryStores.delete(id)),
    vaults: () => vaults.list(true).map(emulatedVault),
    vault: (id) => found(vaults.find(id), emulatedVault),
    archiveVault: (id) => objectView(outOfBand(() => vaults.archive(id))),
    deleteVault: (id) => outOfBand(() => vaults.delete(id)),
    vaultCredential: (vaultId, credentialId) => found(vaults.find(vaultId)?.credentials.find(credentialId), emulatedVaultCredential),
    updateVaultCredential: (vaultId, credentialId, update) =>
      objectView(
        outOfBand(() => {
          const current = vaults.credentials(vaultId).require(credentialId);
          const patch = parseUpdateVaultCredentialBody(update, current.object.auth.type);
          return vaults.liveCredentials(vaultId).update(credentialId, patch);
        }),
      ),
    deleteVaultCredential: (vaultId, credentialId) => outOfBand(() => vaults.credentials(vaultId).delete(credentialId)),
  };
}

function found<S, V>(stored: S | undefined, view: (stored: S) => V): V | undefined {
  return stored === undefined ? undefined : view(stored);
}
