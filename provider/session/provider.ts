import type * as pulumi from "@pulumi/pulumi";
import type { ResourceWire, SessionWire } from "../api/wire";
import { ProviderBase } from "../dynamic/provider-base";
import { QoderIncompleteError, QoderMismatchError } from "../errors";
import { archiveSession } from "./archive";
import { createOrFind } from "./create";
import { replacementReason, sessionGone } from "./in-place-check";
import { type SessionInputs, sessionSchema } from "./model";
import { adoptionMismatches, diffSession, type Rotation, repositoryCredential, sessionPatch } from "./planner";
import { REPOSITORY_SECRET_FIELDS } from "./repository-model";
import {
  coversRepositories,
  createdState,
  fromStored,
  refreshedState,
  remoteSettings,
  type SessionState,
  sessionState,
  storedInputs,
  unconfirmedTakeover,
  updatedState,
  withResourceIds,
} from "./state";

/**
 * The dynamic provider of `Session`: each method validates or decides with the pure planner and
 * state functions, then acts through the shared client.
 */
export class SessionProvider extends ProviderBase<SessionInputs, SessionState> {
  protected readonly schema = sessionSchema;
  protected override readonly secretLists = [["repositories", REPOSITORY_SECRET_FIELDS]] as const;

  /**
   * Compares the stored state with new inputs. Only when an in-place update would call the API (a
   * credential to rotate, title or metadata to set) does it read the Session, once: if it was
   * archived or stripped of a repository outside Pulumi, the update could never succeed, so the
   * Session is replaced instead (see in-place-check.ts), and the preview shows it. One the API says
   * does not exist fails the diff, naming the commands that recover.
   */
  async diff(id: string, olds: SessionState, news: SessionInputs): Promise<pulumi.dynamic.DiffResult> {
    const current = fromStored(this.joined(olds));
    const { changes, replaces, inPlace } = diffSession(current, this.joined(news));
    const blocked = inPlace.length > 0 ? await this.inPlaceBlocker(id, current) : undefined;
    if (blocked) {
      console.log(`${blocked}: it is replaced by a new Session.`);
      return { changes: true, replaces: inPlace, deleteBeforeReplace: false };
    }
    return { changes: changes || this.storedBeforeSplit(olds), replaces, deleteBeforeReplace: false };
  }

  /** Creates the Session (see {@link createOrFind}), or takes over `adoptSessionId`. */
  async create(engineInputs: SessionInputs): Promise<pulumi.dynamic.CreateResult> {
    const inputs = this.joined(engineInputs);
    if (inputs.adoptSessionId) return this.adopt(inputs, inputs.adoptSessionId);
    const { object: session, found } = await createOrFind(this.api(), inputs);
    if (found) return this.takeOver(inputs, session, await this.resourcesOf(session));
    const state = await this.settle(session.id, "Session", createdState(inputs, session), async () => {
      const resources = session.resources.length > 0 ? session.resources : ((await this.api().listResources(session.id)) ?? []);
      return sessionState(inputs, session, resources);
    });
    return { id: session.id, outs: this.store(state) };
  }

  /**
   * Refreshes from the API, with one request when the Session's own `resources` cover every
   * declared repository. Only the API's word that the Session does not exist, or its archive,
   * makes it read as gone (the next `up` then recreates it); drift is recorded, never refused.
   */
  async read(id: string, props?: SessionState): Promise<pulumi.dynamic.ReadResult> {
    if (!props) {
      throw new QoderMismatchError(
        `Session ${id}: reading without stored properties is not supported (pulumi import does not work for dynamic providers; use adoptSessionId)`,
      );
    }
    const client = this.api();
    const stored = fromStored(this.joined(props));
    const session = await client.getSession(id);
    if (!session || session.archived_at) return { id: "", props: {} };
    const resources = coversRepositories(stored, session.resources) ? session.resources : await client.listResources(id);
    if (!resources) return { id: "", props: {} };
    const state = refreshedState(stored, session, resources);
    // A refresh writes state in the shape it read: the engine marks a property secret on refresh
    // only where it was secret before, so state written before tokens had their own property keeps
    // them inside the (secret) repositories until an `up` rewrites it.
    const shape = this.storedBeforeSplit(props) ? this.plain.bind(this) : this.store.bind(this);
    return { id, props: shape(state), inputs: shape(storedInputs(state)) };
  }

  /** Rotates changed credentials and patches title and metadata, in place. */
  async update(id: string, olds: SessionState, engineNews: SessionInputs): Promise<pulumi.dynamic.UpdateResult> {
    const client = this.api();
    const news = this.joined(engineNews);
    let current = fromStored(this.joined(olds));
    if (current.repositories.some((repo) => repo.resourceId === undefined)) {
      // A create or takeover that failed half-way: look the resource ids up first.
      const [session, resources] = await Promise.all([client.getSession(id), client.listResources(id)]);
      if (!session || !resources) {
        throw new QoderMismatchError(`Session ${id} no longer exists; run \`pulumi refresh --run-program\`, then \`pulumi up\``);
      }
      current = withResourceIds(current, session, resources);
    }
    const { rotations, patch } = diffSession(current, news);
    const rotated = await this.rotate(id, rotations, current, news);
    const session = patch ? await client.updateSession(id, patch) : undefined;
    return { outs: this.store(updatedState(current, news, rotated, news, session)) };
  }

  /** Archives the Session (default) or deletes it (`deletionMode: "delete"`); one already gone is fine. */
  async delete(id: string, props: SessionState): Promise<void> {
    const client = this.api();
    if (props.deletionMode === "delete") await client.deleteSession(id);
    else await archiveSession(client, id);
  }

  /** Takes over `adoptSessionId` once it is found to match the inputs in everything that cannot change in place. */
  private async adopt(inputs: SessionInputs, sessionId: string): Promise<pulumi.dynamic.CreateResult> {
    const session = await this.api().getSession(sessionId);
    if (!session) throw new QoderMismatchError(`adoptSessionId: Session ${sessionId} was not found`);
    const resources = await this.resourcesOf(session);
    const problems = adoptionMismatches(inputs, session, resources);
    if (problems.length > 0) {
      throw new QoderMismatchError(`adoptSessionId: Session ${sessionId} cannot be adopted because ${problems.join("; ")}`);
    }
    return this.takeOver(inputs, session, resources);
  }

  /**
   * Sets the credentials, title and metadata of a Session that matches the inputs but was not made
   * by this create. The API never returns credentials, so rotating them is the only way to know they match.
   */
  private async takeOver(inputs: SessionInputs, session: SessionWire, resources: ResourceWire[]): Promise<pulumi.dynamic.CreateResult> {
    const client = this.api();
    const taken = sessionState(inputs, session, resources);
    const state = await this.settle(session.id, "Session", unconfirmedTakeover(taken, session), async () => {
      await Promise.all(
        taken.repositories.map((repo) => client.rotateRepositoryCredential(session.id, repo.resourceId ?? "", repositoryCredential(repo))),
      );
      const patch = sessionPatch(remoteSettings({}, session), inputs);
      const updated = patch ? await client.updateSession(session.id, patch) : session;
      return { ...taken, status: updated.status };
    });
    return { id: session.id, outs: this.store(state) };
  }

  /**
   * Why the Session cannot take an in-place update, read with one request (two when its own
   * `resources` do not cover the declared repositories); undefined when it can. A read that fails
   * leaves the plan as it was: the update then meets the failure itself and reports it. A Session
   * the API says does not exist fails the diff, naming the commands that recover (see {@link sessionGone}).
   */
  private async inPlaceBlocker(id: string, state: SessionState): Promise<string | undefined> {
    let session: SessionWire | undefined;
    let resources: ResourceWire[] | undefined;
    try {
      const client = this.api();
      session = await client.getSession(id);
      const own = session?.resources ?? [];
      resources = !session || session.archived_at || coversRepositories(state, own) ? own : await client.listResources(id);
    } catch (error) {
      console.log(`Session ${id} could not be read before its update (${(error as Error).message}); it is updated in place.`);
      return undefined;
    }
    if (!session || !resources) throw sessionGone(id, this.apiLocation().apiUrl);
    return replacementReason(id, state, session, resources);
  }

  /** Every resource of the Session, from every page of its resource list. */
  private async resourcesOf(session: SessionWire): Promise<ResourceWire[]> {
    return (await this.api().listResources(session.id)) ?? [];
  }

  /**
   * Sends the rotations concurrently. If some fail, state must record exactly which credentials the
   * API now holds: the error carries the state with the rotated ones, and the old ones elsewhere.
   */
  private async rotate(id: string, rotations: Rotation[], current: SessionState, news: SessionInputs): Promise<Set<string>> {
    const client = this.api();
    const results = await Promise.allSettled(
      rotations.map((rotation) => client.rotateRepositoryCredential(id, rotation.resourceId, rotation.credential)),
    );
    const rotated = new Set(
      rotations.filter((_, index) => results[index].status === "fulfilled").map((rotation) => rotation.repositoryKey),
    );
    const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failed) {
      const state = updatedState(current, news, rotated, { title: current.title, metadata: current.metadata });
      throw new QoderIncompleteError(id, "Session", this.store(state), failed.reason as Error);
    }
    return rotated;
  }
}
