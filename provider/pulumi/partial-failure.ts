/**
 * Rejecting `create` or `update` with an error that carries `id` and `properties` makes the engine
 * keep the Session in state with an initialization error instead of forgetting it; the next
 * `pulumi up` calls `update` to finish the job. This is how nothing the provider made is orphaned.
 */
export class SessionIncompleteError extends Error {
  override name = "SessionIncompleteError";
  readonly reasons: string[];
  readonly properties: Record<string, unknown>;
  constructor(
    readonly id: string,
    properties: Record<string, unknown>,
    cause: Error,
  ) {
    super(`Session ${id} exists but is not fully set up: ${cause.message}. Run \`pulumi up\` again to finish it.`);
    // The engine shows the reasons, not the message, and keeps them in state as init errors.
    this.reasons = [this.message];
    // The engine packs these into a protobuf struct, which refuses undefined members.
    this.properties = JSON.parse(JSON.stringify(properties));
  }
}
