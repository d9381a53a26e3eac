/**
 * How a Session mounts memory stores: `memstore_…` ids or `{ id, access?, instructions? }`
 * entries, sent as `resources[]` entries of type `memory_store` (docs/api-contract.md#sessions).
 * Part of the Session's model (model.ts).
 */
import { z } from "zod";
import { canonicalJson, strictObject } from "../dynamic/properties";
import { idSchema } from "../dynamic/schemas";

/**
 * How a Session may use a memory store. Unconfirmed: Qoder's documentation names `access` but
 * neither its values nor its default; these two are the official SDK's
 * (docs/api-contract.md#sessions). Left out, nothing is sent and the API's default applies.
 */
const MEMORY_STORE_ACCESS = ["read_write", "read_only"] as const;

/** `"read_write"` or `"read_only"` (values unconfirmed by the API's documentation). */
export type MemoryStoreAccess = (typeof MEMORY_STORE_ACCESS)[number];

const memoryStoreId = idSchema("memstore_", "a memory store");

const memoryStoreSchema = z.union(
  [
    memoryStoreId,
    strictObject(
      {
        id: memoryStoreId,
        access: z
          .enum(MEMORY_STORE_ACCESS, {
            error: 'must be "read_write" or "read_only" (or left out for the API\'s default)',
          })
          .optional(),
        instructions: z.string({ error: "must be a string" }).optional(),
      },
      'must be { id: "memstore_…", access?: "read_write" | "read_only", instructions?: string }',
    ),
  ],
  { error: 'must be a memory store id "memstore_…" or { id: "memstore_…", access?, instructions? }' },
);

/**
 * A memory store mounted at create: its id (`memstore_…`), or the id with how the Session may
 * use it (`access`, unconfirmed values) and `instructions` for the agent about it.
 */
export type MemoryStoreInput = z.output<typeof memoryStoreSchema>;

/** A declared memory store in one form, whichever form it was declared in: its id, and what was set. */
export function normalizeMemoryStore(entry: MemoryStoreInput): { id: string; access?: MemoryStoreAccess; instructions?: string } {
  if (typeof entry === "string") return { id: entry };
  return {
    id: entry.id,
    ...(entry.access !== undefined && { access: entry.access }),
    ...(entry.instructions !== undefined && { instructions: entry.instructions }),
  };
}

/** Each store once, whether named by its id or by an object. */
/** The `memoryStoreIds` list: each store once, whether named by its id or by an object. */
export const memoryStoreList = z
  .array(memoryStoreSchema, { error: "must be a list of memory store ids or { id, access?, instructions? }" })
  .superRefine((list, ctx) => {
    const first = new Map<string, number>();
    list.forEach((entry, index) => {
      const { id } = normalizeMemoryStore(entry);
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, index);
      else {
        ctx.addIssue({
          code: "custom",
          path: typeof entry === "string" ? [index] : [index, "id"],
          message: `attaches ${id} again, as memoryStoreIds[${earlier}] does; a store is attached once`,
        });
      }
    });
  });

/** Two declarations attach the same stores the same way (order, and id versus `{ id }`, do not matter). */
export function sameMemoryStores(a: readonly MemoryStoreInput[] | undefined, b: readonly MemoryStoreInput[] | undefined): boolean {
  const canonical = (list: readonly MemoryStoreInput[] | undefined) =>
    (list ?? [])
      .map((entry) => canonicalJson(normalizeMemoryStore(entry)))
      .sort()
      .join("\u0000");
  return canonical(a) === canonical(b);
}
