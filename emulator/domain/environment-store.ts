import { ApiError } from "../api-error";
import type { TimestampClock } from "../clock";
import { applyMetadataPatch } from "./metadata-patch";
import { ObjectStore, type StoredObject } from "./object-store";
import type { Environment, EnvironmentConfig } from "./object-wire-types";

/** A validated `POST /environments` body, defaults applied. */
export interface EnvironmentParams {
  name: string;
  description: string | null;
  config: EnvironmentConfig;
  metadata: Record<string, string>;
}

/** A validated `POST /environments/{id}` body; absent members are kept. */
export interface EnvironmentPatch {
  name?: string;
  /** `null` clears the description. */
  description?: string | null;
  /** Replaces the whole config. */
  config?: EnvironmentConfig;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
}

/**
 * Environments (`env_…`). One that sessions still use cannot be deleted; `sessionsUsing` names
 * the sessions that are not archived and have the environment as their `environment_id`.
 */
export class EnvironmentStore extends ObjectStore<Environment> {
  constructor(
    clock: TimestampClock,
    private readonly sessionsUsing: (environmentId: string) => string[],
  ) {
    super(clock, { label: "Environment", prefix: "env_" });
  }

  create(params: EnvironmentParams): StoredObject<Environment> {
    return this.insert((id, now) => ({
      object: {
        id,
        type: "environment",
        name: params.name,
        description: params.description,
        config: structuredClone(params.config),
        metadata: { ...params.metadata },
        archived_at: null,
        created_at: now,
        updated_at: now,
      },
    }));
  }

  /** Applies a patch to a live environment; an archived one is a 400. */
  update(id: string, patch: EnvironmentPatch): StoredObject<Environment> {
    const stored = this.requireLive(id, "it cannot be updated");
    const environment = stored.object;
    if (patch.name !== undefined) environment.name = patch.name;
    if (patch.description !== undefined) environment.description = patch.description;
    if (patch.config !== undefined) environment.config = structuredClone(patch.config);
    if (patch.metadata) applyMetadataPatch(environment.metadata, patch.metadata);
    this.touch(stored);
    return stored;
  }

  /**
   * 409 while sessions that are not archived use the environment. The newest environment-delete
   * page types it `invalid_request_error`, as the add-resource 409 (API notes §10, item 20).
   */
  protected override checkDeletable(stored: StoredObject<Environment>): void {
    const sessions = this.sessionsUsing(stored.object.id);
    if (sessions.length === 0) return;
    const count = sessions.length === 1 ? "1 session that is not archived" : `${sessions.length} sessions that are not archived`;
    throw new ApiError(
      409,
      "invalid_request_error",
      `Environment '${stored.object.id}' is still used by ${count} (${sessions.join(", ")}); archive them, or archive the environment instead.`,
    );
  }
}
