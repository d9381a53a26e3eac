import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { QoderClient } from "../api/client";
import { QoderIncompleteError } from "../errors";
import { type ApiLocation, MOVED_FROM_KEY } from "./api-home";
import { checkInputs } from "./properties";
import { hasJoinedSecrets, joinSecrets, type SecretFields, splitSecrets } from "./secret-split";
import { type ConfigSource, type ProviderOptions, resolveClientOptions } from "./settings";

/**
 * What every resource's dynamic provider shares: configuration, validation in `check` against the
 * resource's declared schema (no API call but one credentials check per process), one lazily built client, and the rule that an object
 * made but not fully set up is kept in state rather than orphaned.
 */
export abstract class ProviderBase<Inputs, State extends object> implements pulumi.dynamic.ResourceProvider<Inputs, State> {
  /** The resource's declared properties (its model). */
  protected abstract readonly schema: z.ZodType<Inputs>;
  /** Lists whose items have secret fields, carried as two properties (see secret-split.ts): list name and secret fields. */
  protected readonly secretLists: readonly (readonly [string, SecretFields])[] = [];
  private config?: ConfigSource;
  private client?: QoderClient;
  /** Set when the engine configured this provider: only then does `check` check the credentials. */
  private configured = false;

  constructor(private readonly options: ProviderOptions = {}) {}

  /**
   * Receives the stack config (`qoder:*` keys); the client is built on first use. From now on the
   * first `check` of valid inputs also checks the token and API URL (see {@link credentialsChecked}).
   */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
    this.configured = true;
    const previous = this.client;
    this.client = undefined;
    await previous?.close();
  }

  /**
   * Validates inputs and returns them as validated. Failures name the property and what is
   * expected. Makes no API call, except the credentials check of a configured provider.
   */
  async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
    const { inputs, failures } = checkInputs(this.schema, this.joined(news) as Record<string, unknown>);
    if (inputs && this.configured) await this.credentialsChecked();
    return { inputs: inputs ? this.store(inputs) : news, failures };
  }

  abstract create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<State>>;

  /** Releases the connection pool. */
  async close(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
  }

  /**
   * Checks the token and API URL with one read, once per process (provider/api/credential-check.ts),
   * so a preview with a wrong token or URL fails rather than passes. Only a provider the engine
   * configured does this: one built directly (a unit test's) makes no request in `check`.
   */
  private credentialsChecked(): Promise<void> {
    const { checkCredentialsOnce } = require("../api/credential-check") as typeof import("../api/credential-check");
    return checkCredentialsOnce(resolveClientOptions(this.options, this.config), () => this.api());
  }

  /** The client, built on first use (by the credentials check, or the first call that needs the API). */
  protected api(): QoderClient {
    if (!this.client) {
      const { QoderClient } = require("../api/client") as typeof import("../api/client");
      this.client = new QoderClient(resolveClientOptions(this.options, this.config));
    }
    return this.client;
  }

  /**
   * The API base URL this provider sends requests to, as the client is built from the same
   * settings, and the move the stack config declares (`qoder:apiUrlMovedFrom`); see api-home.ts.
   */
  apiLocation(): ApiLocation {
    const movedFrom = this.config?.get(MOVED_FROM_KEY);
    return { apiUrl: resolveClientOptions(this.options, this.config).apiUrl, ...(movedFrom && { movedFrom }) };
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
