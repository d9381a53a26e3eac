import type * as pulumi from "@pulumi/pulumi";
import type { ObjectApi } from "../api/objects";
import type { ObjectWire } from "../api/wire";
import { PENDING_CREATE_HINT, QoderMismatchError } from "../errors";
import { createOnce } from "./create-once";
import { CREATE_MARKER, createDigest, isEarlierObject, OWNER_KEY } from "./idempotency";
import { createBody, createIdentity, diffProperties, identityMismatches, type Rules, remoteInputs, updatePatch } from "./object-planner";
import { ProviderBase } from "./provider-base";

type Values = Record<string, unknown>;

/**
 * The dynamic provider of a top-level object (agent, environment, memory store, vault): every
 * decision follows the rules its model declares (see object-planner.ts); a subclass names the
 * collection, the outputs the API reports, and whatever its object does differently.
 */
export abstract class ObjectProvider<Inputs extends object, State extends object, W extends ObjectWire> extends ProviderBase<
  Inputs,
  State
> {
  /** What messages call the object, e.g. "Agent". */
  protected abstract readonly what: string;
  /** The model's properties with their rules. */
  protected abstract readonly rules: Rules;
  /** State properties the API reports beyond the inputs, e.g. an agent's `version`. */
  protected readonly outputNames: readonly string[] = [];

  /** The API endpoints of the object's collection. */
  protected abstract collection(): ObjectApi<W>;

  /** The outputs (see {@link outputNames}) as the API reports them. */
  protected outputsOf(_object: W): Values {
    return {};
  }

  /** Compares stored state with new inputs; makes no API call. */
  async diff(_id: string, olds: State, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
    const { changes, replaces } = diffProperties(this.rules, this.joined(olds) as Values, this.joined(news) as Values);
    return { changes: changes || this.storedBeforeSplit(olds), replaces, deleteBeforeReplace: false };
  }

  /** Creates the object once, however often an interrupted run is repeated, then whatever belongs to it. */
  async create(engineInputs: Inputs): Promise<pulumi.dynamic.CreateResult<State>> {
    const inputs = this.joined(engineInputs) as Values;
    const startedAt = Date.now();
    const { object, found } = await this.createOrFind(inputs);
    // Made by an earlier, interrupted run: with other in-place settings (found), or replayed with
    // these and maybe changed outside Pulumi since. Whatever differs from the inputs is set now;
    // until then state holds what the API holds, so a failed update is sent again by the next up.
    const earlier = found || isEarlierObject(object.created_at, startedAt);
    if (earlier) console.log(`${this.what} ${object.id}: ${PENDING_CREATE_HINT}.`);
    const held = earlier
      ? this.stateOf(remoteInputs(this.rules, this.asDeclared(object, inputs), inputs), object)
      : this.stateOf(inputs, object);
    const state = await this.settle(object.id, this.what, held, async () => {
      const patch = earlier ? updatePatch(this.rules, held as Values, inputs) : undefined;
      const current = patch
        ? this.stateOf(inputs, await this.send(object.id, patch, held as Values, inputs))
        : this.stateOf(inputs, object);
      return this.afterCreate(object.id, inputs, current);
    });
    return { id: object.id, outs: this.store(state) };
  }

  /**
   * Refreshes from the API. Only the API's word that the object does not exist, or its archive,
   * makes it read as gone (the next `up` then creates it again); changes made outside Pulumi are
   * recorded, and the next preview shows them.
   */
  async read(id: string, props?: State): Promise<pulumi.dynamic.ReadResult<State>> {
    if (!props) {
      throw new QoderMismatchError(
        `${this.what} ${id}: reading without stored properties is not supported (pulumi import does not work for dynamic providers)`,
      );
    }
    const stored = this.joined(props) as Values;
    const object = await this.collection().get(id);
    if (!object || object.archived_at) return { id: "", props: {} as State };
    const state = await this.refreshed(id, stored, object);
    return { id, props: this.store(state), inputs: this.store(this.inputsOf(state)) as unknown as State };
  }

  /** Sends the changed `update` properties in one request. */
  async update(id: string, olds: State, engineNews: Inputs): Promise<pulumi.dynamic.UpdateResult<State>> {
    const current = this.joined(olds) as Values;
    const news = this.joined(engineNews) as Values;
    const patch = updatePatch(this.rules, current, news);
    const object = patch ? await this.send(id, patch, current, news) : undefined;
    const state = { ...news, ...(object ? this.outputsOf(object) : this.outputsIn(current)) } as State;
    return { outs: this.store(state) };
  }

  /** Archives the object, or deletes it where its `deletionMode` says so; one already gone is fine. */
  async delete(id: string, props: State): Promise<void> {
    if ((props as Values).deletionMode === "delete") await this.collection().delete(id);
    else await this.collection().archive(id);
  }

  /** Sends an update patch; `current` is the state the provider last saw, `wanted` the inputs the update brings about. */
  protected async send(id: string, patch: Values, _current: Values, _wanted: Values): Promise<W> {
    return this.collection().update(id, patch);
  }

  /** What follows the object's own create (a vault's credentials, say); by default nothing. */
  protected async afterCreate(_id: string, _inputs: Values, created: State): Promise<State> {
    return created;
  }

  /** State after a refresh; by default the inputs as the API holds them, and its outputs. */
  protected async refreshed(_id: string, stored: Values, object: W): Promise<State> {
    return { ...remoteInputs(this.rules, this.asDeclared(object, stored), stored), ...this.outputsOf(object) } as State;
  }

  /**
   * The object as `inputs` would declare it, before it is compared with them: whatever the API
   * fills in that the inputs cannot declare (resolved defaults inside nested values, say) is left
   * out, so it never reads as a change. By default the object as the API sent it.
   */
  protected asDeclared(object: W, _inputs: Values): W {
    return object;
  }

  /** True when the object as the API holds it already is what `wanted` asks for: an update would change nothing. */
  protected holds(object: W, wanted: Values): boolean {
    return updatePatch(this.rules, remoteInputs(this.rules, this.asDeclared(object, wanted), wanted), wanted) === undefined;
  }

  /** The state of a new object: the inputs and the outputs the API reported. */
  protected stateOf(inputs: Values, object: W): State {
    return { ...inputs, ...this.outputsOf(object) } as State;
  }

  /** The inputs part of a state: everything but the outputs. */
  protected inputsOf(state: State): Values {
    return Object.fromEntries(Object.entries(state).filter(([name]) => !this.outputNames.includes(name)));
  }

  private outputsIn(state: Values): Values {
    return Object.fromEntries(Object.entries(state).filter(([name]) => this.outputNames.includes(name)));
  }

  private async createOrFind(inputs: Values): Promise<{ object: W; found: boolean }> {
    const api = this.collection();
    const body = createBody(this.rules, inputs);
    const owner = inputs[OWNER_KEY];
    if (typeof owner !== "string" || owner === "") return { object: await api.create(body), found: false };
    const digest = createDigest(owner, createIdentity(this.rules, inputs));
    const marked = { ...body, metadata: { ...(body.metadata as Values | undefined), [CREATE_MARKER]: digest } };
    return createOnce(digest, {
      what: this.what,
      create: (idempotencyKey) => api.create(marked, { idempotencyKey }),
      get: (id) => api.get(id),
      mismatches: (object) => identityMismatches(this.rules, inputs, this.asDeclared(object, inputs)),
      findMarked: async () => (await api.list()).filter((object) => object.metadata?.[CREATE_MARKER] === digest),
      retire: (id) => api.archive(id),
    });
  }
}
