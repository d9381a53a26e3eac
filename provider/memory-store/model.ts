/**
 * The one declaration of a memory store's properties (docs/api-contract.md#memory-stores): its
 * type, validation and what a change does. Every property updates in place.
 */
import { z } from "zod";
import { property, strictObject } from "../dynamic/properties";
import { deletionModeProperty, metadataProperty, nameSchema } from "../dynamic/schemas";

const memoryStoreShape = {
  /** Shown in the Qoder console; 1–255 characters. Updated in place. */
  name: property(nameSchema(), { change: "update", wire: "name" }),
  /** What the store holds, for people and agents. Updated in place. */
  description: property(z.string({ error: "must be a string" }).optional(), { change: "update", wire: "description" }),
  /** String keys (1–64 characters) to string values (at most 512). Updated in place as a merge patch. */
  metadata: metadataProperty(),
  /** `"archive"` (default: keeps the memories) or `"delete"` (permanent) when the store is destroyed or replaced. */
  deletionMode: deletionModeProperty(),
};

/** The schema `check` validates a memory store's inputs with. */
export const memoryStoreSchema = strictObject(memoryStoreShape, "must be an object of MemoryStore inputs");

/** The memory store's properties, with their rules. */
export const memoryStoreProperties = memoryStoreShape;

/** A memory store's inputs once the engine has resolved every `Input`. */
export type MemoryStoreInputs = z.output<typeof memoryStoreSchema>;
