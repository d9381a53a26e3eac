import { ObjectApi } from "../api/objects";
import { type ObjectWire, objectWire } from "../api/wire";
import { ObjectProvider } from "../dynamic/object-provider";
import { rulesOf } from "../dynamic/properties";
import { QoderApiError } from "../errors";
import { configAsDeclared } from "./config";
import { type EnvironmentInputs, environmentProperties, environmentSchema } from "./model";

/**
 * The dynamic provider of `Environment`: `/environments`, every change in place. Destroy deletes
 * the environment; while Sessions still use it the API refuses (409), and it is archived instead,
 * which keeps those Sessions running and lets no new Session use it.
 */
export class EnvironmentProvider extends ObjectProvider<EnvironmentInputs, EnvironmentInputs, ObjectWire> {
  protected readonly what = "Environment";
  protected readonly schema = environmentSchema;
  protected readonly rules = rulesOf(environmentProperties);

  protected collection(): ObjectApi<ObjectWire> {
    return new ObjectApi(this.api(), "/environments", objectWire);
  }

  /** The environment with its config in the form a declaration has (see `configAsDeclared`). */
  protected override asDeclared(environment: ObjectWire, inputs: Record<string, unknown>): ObjectWire {
    return { ...environment, config: configAsDeclared(environment.config, inputs.config) };
  }

  /** Deletes the environment, or archives it when Sessions still use it; one already gone is fine. */
  override async delete(id: string, props: EnvironmentInputs): Promise<void> {
    const environments = this.collection();
    try {
      await environments.delete(id);
      return;
    } catch (error) {
      // The only documented 409 of this call; its error type differs between doc versions (docs/api-contract.md#environments).
      if (!(error instanceof QoderApiError && error.status === 409)) throw error;
      await this.archiveInUse(environments, id, error);
      console.log(
        `Environment "${props.name}" (${id}) was archived, not deleted: Sessions still use it (the API said: ${error.apiMessage.replace(/\.$/, "")}). ` +
          "Those Sessions keep running; no new Session can use it. Delete it once they are archived or deleted.",
      );
    }
  }

  /**
   * Archives an environment the API refused to delete. Archiving one already archived may answer
   * 409 (unconfirmed, docs/api-contract.md#environments): that is fine once a read shows it archived.
   */
  private async archiveInUse(environments: ObjectApi<ObjectWire>, id: string, refusal: QoderApiError): Promise<void> {
    try {
      await environments.archive(id);
    } catch (error) {
      if (!(error instanceof QoderApiError && error.status === 409)) throw error;
      const held = await environments.get(id);
      if (held && !held.archived_at) throw refusal;
    }
  }
}
