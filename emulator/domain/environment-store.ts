import { ApiError } from "../api-error";
import type { TimestampClock } from "../clock";
import { defaultEnvironmentConfig, type EnvironmentConfigPatch, patchedEnvironmentConfig } from "./environment-config-patch";
import type { Environment, EnvironmentScope } from "./environment-wire-types";
import { applyMetadataPatch } from "./metadata-patch";
import { ObjectStore, type StoredObject } from "./object-store";

/** A validated `POST /environments` body. */
export interface EnvironmentParams {
  name: string;
  /** `""` when none was given. */
  description: string;
  /** Applied to the default config (cloud, unrestricted, no packages); absent keeps the default. */
  config?: EnvironmentConfigPatch;
  metadata: Record<string, string>;
  scope?: EnvironmentScope;
}

/** A validated `POST /environments/{id}` body; absent members are kept. */
export interface EnvironmentPatch {
  name?: string;
  /** `""` clears the description. */
  description?: string;
  /** Applied member by member to the stored config. */
  config?: EnvironmentConfigPatch;
  /** Merge patch: `null` deletes the key. */
  metadata?: Record<string, string | null>;
  /** `null` clears the scope. */
  scope?: EnvironmentScope | null;
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

  /** A new environment; 400 when its config breaks a rule that spans members. */
  create(params: EnvironmentParams): StoredObject<Environment> {
    const config = patchedEnvironmentConfig(defaultEnvironmentConfig(), params.config ?? {}, "infer");
    return this.insert((id, now) => ({
      object: {
        id,
        type: "environment",
        name: params.name,
        description: params.description,
        config,
        metadata: { ...params.metadata },
        ...(params.scope ? { scope: params.scope } : {}),
        archived_at: null,
        created_at: now,
        updated_at: now,
      },
    }));
  }

  /** Applies a patch to a live environment; an archived one, or a config that breaks a rule, is a 400 and changes nothing. */
  update(id: string, patch: EnvironmentPatch): StoredObject<Environment> {
    const stored = this.requireLive(id, "it cannot be updated");
    const environment = stored.object;
    const config = patch.config ? patchedEnvironmentConfig(environment.config, patch.config, "keep") : environment.config;
    environment.config = config;
    if (patch.name !== undefined) environment.name = patch.name;
    if (patch.description !== undefined) environment.description = patch.description;
    if (patch.metadata) applyMetadataPatch(environment.metadata, patch.metadata);
    if (patch.scope === null) delete environment.scope;
    else if (patch.scope !== undefined) environment.scope = patch.scope;
    this.touch(stored);
    return stored;
  }

  /**
   * 409 while sessions that are not archived use the environment. The newest environment-delete
   * page types it `invalid_request_error`, as the add-resource 409 (docs/api-contract.md#environments).
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
