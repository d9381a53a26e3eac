import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { QoderClient } from "../api/client";
import { QoderIncompleteError } from "../errors";
import { checkInputs } from "./properties";
import { hasJoinedSecrets, joinSecrets, type SecretFields, splitSecrets } from "./secret-split";
import { type ConfigSource, type ProviderOptions, resolveClientOptions } from "./settings";

/**
 * What every resource's dynamic provider shares: configuration, validation in `check` against the
 * resource's declared schema (no API call), one lazily built client, and the rule that an object
 * made but not fully set up is kept in state rather than orphaned.
 */
export abstract class ProviderBase<Inputs, State extends object> implements pulumi.dynamic.ResourceProvider<Inputs, State> {
  /** The resource's declared properties (its model). */
  protected abstract readonly schema: z.ZodType<Inputs>;
  /** Lists whose items have secret fields, carried as two properties (see secret-split.ts): list name and secret fields. */
  protected readonly secretLists: readonly (readonly [string, SecretFields])[] = [];
  private config?: ConfigSource;
  private client?: QoderClient;

  constructor(private readonly options: ProviderOptions = {}) {}

  /** Receives the stack config (`qoder:*` keys); the client is built on first use. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
    const previous = this.client;
    this.client = undefined;
    await previous?.close();
  }

  /** Validates inputs and returns them as validated; makes no API call. Failures name the property and what is expected. */
  async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
    const { inputs, failures } = checkInputs(this.schema, this.joined(news) as Record<string, unknown>);
    return { inputs: inputs ? this.store(inputs) : news, failures };
  }

  abstract create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<State>>;

  /** Releases the connection pool. */
  async close(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
  }

  /** The client, built on first use: a preview only checks and diffs, so it never loads it or undici. */
  protected api(): QoderClient {
    if (!this.client) {
      const { QoderClient } = require("../api/client") as typeof import("../api/client");
      this.client = new QoderClient(resolveClientOptions(this.options, this.config));
    }
    return this.client;
  }

  /**
   * Properties as the engine stores them: secret fields split out of their lists, and no
   * `undefined` member (the engine's protobuf structs refuse them).
   */
  protected store<T>(value: T): T {
    return this.plain(
      this.secretLists.reduce((props, [list, secret]) => splitSecrets(props as object, list, secret), value as unknown) as T,
    );
  }

  /** The value without `undefined` members, which the engine's protobuf structs refuse. */
  protected plain<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
  }

  /**
   * True for state written before secret fields had properties of their own: an update that sends
   * nothing rewrites it in the current shape.
   */
  protected storedBeforeSplit(olds: State): boolean {
    return this.secretLists.some(([list, secret]) => hasJoinedSecrets(olds, list, secret));
  }

  /** Properties as the engine hands them over, with the secret fields back in their lists. */
  protected joined<T>(props: T): T {
    return this.secretLists.reduce((joined, [list, secret]) => joinSecrets(joined as object, list, secret), props as unknown) as T;
  }

  /**
   * Runs the steps that follow a create or takeover of `id`. If one fails, the error carries
   * `known` (what the API is known to hold), so the engine keeps the object in state and the
   * next `pulumi up` finishes the job.
   */
  protected async settle(id: string, what: string, known: State, steps: () => Promise<State>): Promise<State> {
    try {
      return await steps();
    } catch (error) {
      // A step that reports exactly what the API holds (a vault's credentials, say) is passed on as it is.
      if (error instanceof QoderIncompleteError && error.id === id) throw error;
      throw new QoderIncompleteError(id, what, this.store(known), error as Error);
    }
  }
}
