import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/** Properties as the engine hands them to a dynamic provider. */
type Props = Record<string, unknown>;

/** The key under which the engine stores the serialized provider; never part of a comparison. */
const PROVIDER_KEY = "__provider";

/** JSON with object members sorted, so two structurally equal values give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const members = Object.keys(value)
      .filter((key) => key !== PROVIDER_KEY)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Props)[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Output members the Session provider adds to its inputs. */
const OUTPUT_KEYS = new Set(["mounts", "sessionId", "status", "createdAt", "archivedAt"]);

/**
 * The stored inputs: outputs and resource ids taken off again. Not the Session provider's own
 * helper: importing it would load the provider's modules into the floor's process.
 */
function inputsOf(outputs: Props): Props {
  const inputs = Object.fromEntries(Object.entries(outputs).filter(([key]) => !OUTPUT_KEYS.has(key)));
  const repositories = (outputs.repositories as Props[] | undefined)?.map(({ resourceId: _r, ...repo }) => repo);
  return repositories ? { ...inputs, repositories } : inputs;
}

/** Outputs of the Session provider's shape, made up locally: the same state size, no API. */
function fakeOutputs(id: string, inputs: Props, createdAt = new Date().toISOString()): Props {
  const repositories: Props[] = ((inputs.repositories as Props[] | undefined) ?? []).map((repo, index) => ({
    ...repo,
    resourceId: `sesr_noop_${index}`,
  }));
  const mounts = repositories.map((repo) => ({
    url: repo.url,
    mountPath: repo.mountPath ?? "",
    checkout: repo.checkout ?? null,
    resourceId: repo.resourceId,
  }));
  return { ...inputs, repositories, mounts, sessionId: id, status: "idle", createdAt, archivedAt: null };
}

/**
 * The engine's floor: a dynamic provider with the Session's inputs and outputs that makes no HTTP
 * call. `create` makes up an id and outputs; `read` echoes what it is given; `diff` compares the new
 * inputs with the stored ones member by member.
 */
export class NoopSessionProvider implements pulumi.dynamic.ResourceProvider {
  /** Accepts the configuration and keeps nothing. */
  async configure(_req: pulumi.dynamic.ConfigureRequest): Promise<void> {}

  /** Accepts every input as given. */
  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return { inputs: news };
  }

  /** Reports a change, in place, when any input differs from the stored value. */
  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const stored = inputsOf(olds);
    const keys = new Set([...Object.keys(stored), ...Object.keys(news)]);
    const changed = [...keys].some((key) => key !== PROVIDER_KEY && canonical(stored[key]) !== canonical(news[key]));
    return { changes: changed, replaces: [], deleteBeforeReplace: false };
  }

  /** Makes up an id and the outputs. */
  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const id = `noop_${randomUUID()}`;
    return { id, outs: fakeOutputs(id, inputs) };
  }

  /** Returns the stored properties unchanged. */
  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    return { id, props: props ?? {} };
  }

  /** Returns the new inputs with the stored outputs' shape. */
  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: fakeOutputs(id, news, olds.createdAt as string) };
  }

  /** Does nothing. */
  async delete(_id: string, _props: Props): Promise<void> {}
}
