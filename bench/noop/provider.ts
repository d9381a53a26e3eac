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

/**
 * The engine's floor: a dynamic provider with the Session's input shape that makes no HTTP call.
 * `create` returns a fake id and the inputs; `read` and `update` echo what they are given; `diff`
 * compares the new inputs with the stored ones member by member.
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
    const changed = Object.keys(news).some((key) => key !== PROVIDER_KEY && canonical(olds[key]) !== canonical(news[key]));
    return { changes: changed, replaces: [], deleteBeforeReplace: false };
  }

  /** Returns a fake id and the inputs. */
  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    return { id: `noop_${randomUUID()}`, outs: inputs };
  }

  /** Returns the stored properties unchanged. */
  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    return { id, props: props ?? {} };
  }

  /** Returns the new inputs as the outputs. */
  async update(_id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: news };
  }

  /** Does nothing. */
  async delete(_id: string, _props: Props): Promise<void> {}
}
