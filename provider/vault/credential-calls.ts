/**
 * The requests that bring a vault's credentials to the declared ones
 * (`/vaults/{id}/credentials`, docs/api-contract.md#vaults). Every request carries the credential's
 * secret in `secrets`, so no error message can show it.
 */
import type { QoderClient } from "../api/client";
import { ObjectApi } from "../api/objects";
import { type VaultCredentialWire, vaultCredentialWire } from "../api/wire";
import { createDigest, createKey } from "../dynamic/idempotency";
import { QoderApiError, QoderMismatchError } from "../errors";
import {
  type ChangeResult,
  type CredentialChange,
  credentialCreateBody,
  credentialsAfter,
  credentialUpdateBody,
  remoteCredentialKey,
  secretsOf,
} from "./credential-planner";
import { credentialIdentity, credentialKey, type VaultCredentialInput } from "./model";
import type { VaultCredentialState } from "./state";

/** How many earlier credentials of one create, each gone since, a create steps past. */
const MAX_PASSED = 8;

/** The credentials of one vault. */
export class VaultCredentialCalls {
  private readonly api: ObjectApi<VaultCredentialWire>;

  constructor(
    client: QoderClient,
    private readonly vaultId: string,
  ) {
    this.api = new ObjectApi(client, `/vaults/${encodeURIComponent(vaultId)}/credentials`, vaultCredentialWire);
  }

  /** Every credential of the vault, from every page. */
  list(): Promise<VaultCredentialWire[]> {
    return this.api.list();
  }

  /**
   * Runs the changes concurrently and returns the credentials the vault then holds, exactly, with
   * the first failure if any (see `credentialsAfter`).
   */
  async apply(changes: readonly CredentialChange[]): Promise<{ credentials: VaultCredentialState[]; failure?: Error }> {
    const settled = await Promise.allSettled(changes.map((change) => this.run(change)));
    const results = settled.map((outcome): ChangeResult => (outcome.status === "fulfilled" ? outcome.value : { done: false }));
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    return { credentials: credentialsAfter(changes, results), failure: failed?.reason as Error | undefined };
  }

  private async run(change: CredentialChange): Promise<ChangeResult> {
    switch (change.action) {
      case "keep":
        return { done: true };
      case "update":
        return this.rotate(change.declared, change.stored);
      case "create":
        return { done: true, credentialId: await this.create(change.declared) };
      case "delete":
        // A credential already gone is fine.
        await this.api.delete(change.stored.credentialId);
        return { done: true };
    }
  }

  /**
   * Updates a credential in place (a rotation, say). One deleted or archived outside Pulumi since
   * the last run is created again, crash-safely, and the change reports its new id: the same
   * update would be refused the same way by every later run, and the stack would be stuck.
   */
  private async rotate(declared: VaultCredentialInput, stored: VaultCredentialState): Promise<ChangeResult> {
    try {
      await this.update(stored.credentialId, declared, stored);
      return { done: true };
    } catch (error) {
      if (!(await this.isGone(stored.credentialId, error))) throw error;
      console.log(
        `Vault ${this.vaultId}: credential ${stored.credentialId} no longer exists (deleted or archived outside Pulumi); creating it again.`,
      );
      return { done: true, credentialId: await this.create(declared) };
    }
  }

  /**
   * True when a refused update's credential is gone: the API answered 404, or 400 (what an
   * archived credential answers), and a GET confirms it does not exist or is archived. Only the
   * API's word about this very credential counts (docs/api-contract.md#vaults); when the GET
   * cannot tell (the vault itself is gone, say), the update's own error stands.
   */
  private async isGone(credentialId: string, error: unknown): Promise<boolean> {
    if (!(error instanceof QoderApiError && (error.status === 404 || error.status === 400))) return false;
    try {
      const live = await this.api.get(credentialId);
      return !live || Boolean(live.archived_at);
    } catch {
      return false;
    }
  }

  /**
   * `POST /vaults/{id}/credentials/{cid}` with what changed from `stored` (everything the update
   * may carry when `stored` is not known): a secret is replaced in place.
   */
  private async update(credentialId: string, credential: VaultCredentialInput, stored?: VaultCredentialInput): Promise<void> {
    await this.api.update(credentialId, credentialUpdateBody(credential, stored), secretsOf(credential));
  }

  /**
   * Creates the credential once, however often an interrupted run is repeated. The key is derived
   * from the vault and the credential's identity (not its secret):
   * - The API replays an earlier create with the same key and body, and that credential may have
   *   been deleted since (removed from the inputs, or outside Pulumi). So the answer is confirmed
   *   with a GET; a credential gone is stepped past with a key derived from its id, and a repeated
   *   run walks the same chain.
   * - The API refuses a key reused with another body (409): an interrupted run made the
   *   credential with another secret. It is found by its identity and given this secret.
   */
  private async create(credential: VaultCredentialInput): Promise<string> {
    const body = credentialCreateBody(credential);
    const secrets = secretsOf(credential);
    const digest = createDigest(this.vaultId, credentialIdentity(credential));
    const passed: string[] = [];
    while (passed.length <= MAX_PASSED) {
      let created: VaultCredentialWire;
      try {
        created = await this.api.create(body, { idempotencyKey: createKey(digest, passed), secrets });
      } catch (error) {
        if (!(error instanceof QoderApiError && error.status === 409)) throw error;
        const held = (await this.list()).find((remote) => !remote.archived_at && remoteCredentialKey(remote) === credentialKey(credential));
        if (held) {
          console.log(`Vault ${this.vaultId}: credential ${held.id} was created by an earlier, interrupted run; taking it over.`);
          await this.update(held.id, credential);
          return held.id;
        }
        // The key's first create made a credential that is gone since, with another secret.
        if (error.errorType !== "conflict_error") throw error;
        passed.push(`refused:${passed.length}`);
        continue;
      }
      const live = await this.api.get(created.id);
      if (live && !live.archived_at) return created.id;
      passed.push(created.id);
    }
    throw new QoderMismatchError(
      `Vault ${this.vaultId}: the API answered ${MAX_PASSED + 1} creates of a credential with earlier ones deleted or archived since; not creating another`,
    );
  }
}
