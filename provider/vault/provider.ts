import type * as pulumi from "@pulumi/pulumi";
import { ObjectApi } from "../api/objects";
import { type ObjectWire, objectWire } from "../api/wire";
import { ObjectProvider } from "../dynamic/object-provider";
import { rulesOf } from "../dynamic/properties";
import { UNKNOWN } from "../dynamic/unknown";
import { QoderIncompleteError } from "../errors";
import { VaultCredentialCalls } from "./credential-calls";
import { planCredentials, refreshedCredentials } from "./credential-planner";
import { CREDENTIAL_SECRET_FIELDS, credentialRules, type VaultInputs, vaultProperties, vaultSchema } from "./model";
import type { VaultCredentialState, VaultState } from "./state";

type Values = Record<string, unknown>;

/**
 * The dynamic provider of `Vault`: `/vaults`, which the API cannot update, so a new display name
 * or metadata replaces the vault; its credentials (`/vaults/{id}/credentials`) change in place.
 * Destroy archives the vault, or deletes it with `deletionMode: "delete"`.
 */
export class VaultProvider extends ObjectProvider<VaultInputs, VaultState, ObjectWire> {
  protected readonly what = "Vault";
  protected readonly schema = vaultSchema;
  protected readonly rules = rulesOf(vaultProperties);
  protected override readonly secretLists = [["credentials", CREDENTIAL_SECRET_FIELDS]] as const;

  protected collection(): ObjectApi<ObjectWire> {
    return new ObjectApi(this.api(), "/vaults", objectWire);
  }

  /** Creates, rotates and deletes credentials in place; nothing else of a vault can change without replacing it. */
  override async update(id: string, olds: VaultState, engineNews: VaultInputs): Promise<pulumi.dynamic.UpdateResult<VaultState>> {
    const current = this.joined(olds);
    const news = this.joined(engineNews);
    return { outs: this.store(await this.withCredentials(id, news, current.credentials ?? [])) };
  }

  /** A new vault holds no credential yet, whatever the inputs declare: that is what state keeps if the steps after the create fail. */
  protected override stateOf(inputs: Values, object: ObjectWire): VaultState {
    const { credentials: _declared, ...state } = super.stateOf(inputs, object);
    return state;
  }

  /** The vault's credentials, created once the vault exists. */
  protected override async afterCreate(id: string, inputs: Values, _created: VaultState): Promise<VaultState> {
    return this.withCredentials(id, inputs as VaultInputs, []);
  }

  /** The vault as the API holds it, with only the credentials it still holds live. */
  protected override async refreshed(id: string, stored: Values, object: ObjectWire): Promise<VaultState> {
    const state = await super.refreshed(id, stored, object);
    const held = stored.credentials as VaultCredentialState[] | undefined;
    if (!held?.length) return state;
    const listed = await new VaultCredentialCalls(this.api(), id).list();
    return { ...state, credentials: refreshedCredentials(held, listed) };
  }

  /** The inputs part of a state: the credentials without the ids the API gave them. */
  protected override inputsOf(state: VaultState): Values {
    const inputs = super.inputsOf(state);
    if (!state.credentials) return inputs;
    return { ...inputs, credentials: state.credentials.map(({ credentialId: _id, ...credential }) => credential) };
  }

  /**
   * A secrets list unknown during preview makes every secret field of every credential unknown;
   * each credential keeps only the one its type has.
   */
  protected override joined<T>(props: T): T {
    const joined = super.joined(props) as Values;
    if (!Array.isArray(joined?.credentials)) return joined as T;
    const credentials = joined.credentials.map((credential: Values) => {
      const own = credentialRules(credential?.type);
      if (!own) return credential;
      const names = new Set(own.map(([name]) => name));
      return Object.fromEntries(Object.entries(credential).filter(([name, value]) => value !== UNKNOWN || names.has(name)));
    });
    return { ...joined, credentials } as T;
  }

  /**
   * The vault's state once its credentials are brought from `held` to the declared ones. If some
   * request fails, the error carries the state with exactly the credentials the vault now holds,
   * so the engine keeps it and the next `pulumi up` does the rest.
   */
  private async withCredentials(id: string, inputs: VaultInputs, held: VaultCredentialState[]): Promise<VaultState> {
    const changes = planCredentials(held, inputs.credentials ?? []);
    const { credentials, failure } = await new VaultCredentialCalls(this.api(), id).apply(changes);
    const state: VaultState = {
      ...inputs,
      credentials: inputs.credentials === undefined && credentials.length === 0 ? undefined : credentials,
    };
    if (failure) throw new QoderIncompleteError(id, this.what, this.store(state), failure);
    return state;
  }
}
