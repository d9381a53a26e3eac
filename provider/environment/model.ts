/**
 * The one declaration of an environment's properties (docs/api-contract.md#environments): its
 * type, validation and what a change does. Every property updates in place; destroy deletes the
 * environment, or archives it while Sessions still use it (provider.ts).
 */
import { z } from "zod";
import { property, strictObject } from "../dynamic/properties";
import { metadataProperty, nameSchema } from "../dynamic/schemas";
import { completeConfig, environmentConfigSchema, sameConfig } from "./config";

const environmentShape = {
  /** Shown in the Qoder console; 1–255 characters. Updated in place. */
  name: property(nameSchema(), { change: "update", wire: "name" }),
  /** What the environment is for. Updated in place. */
  description: property(z.string({ error: "must be a string" }).optional(), { change: "update", wire: "description" }),
  /**
   * What Sessions run in: `{ type: "cloud", networking?, packages?, setupScript? }`. Required:
   * the reference documents it as required at create (the SDK's types make it optional), so the
   * provider never relies on a default the API might pick. Updated in place: the API keeps what an
   * update leaves out, so an update sends every member, a removed one as its explicit clear.
   */
  config: property(environmentConfigSchema, { change: "update", wire: "config", same: sameConfig, complete: completeConfig }),
  /**
   * String keys (1–64 characters) to non-empty string values (at most 512). Updated in place as a
   * merge patch; the API deletes a key set to `""`, so empty values are refused.
   */
  metadata: metadataProperty({ emptyValueDeletes: true }),
};

/** The schema `check` validates an environment's inputs with. */
export const environmentSchema = strictObject(environmentShape, "must be an object of Environment inputs");

/** The environment's properties, with their rules. */
export const environmentProperties = environmentShape;

/** An environment's inputs once the engine has resolved every `Input`. */
export type EnvironmentInputs = z.output<typeof environmentSchema>;
