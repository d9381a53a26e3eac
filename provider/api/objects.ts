import type { z } from "zod";
import { type Call, pageQuery, type QoderClient } from "./client";
import { deletedWire, type ObjectWire, pageWire } from "./wire";

/**
 * The endpoints one kind of top-level object shares (docs/api-contract.md#agents-environments-memory-stores-and-vaults):
 * create, get, update, archive, delete and list under one collection path such as `/agents`.
 * Writes carry a fresh `Idempotency-Key` unless given one, like every write of the client.
 */
export class ObjectApi<W extends ObjectWire> {
  /**
   * @param path The collection, e.g. `/agents` or `/vaults/vault_…/credentials`.
   * @param wire How one object is parsed.
   */
  constructor(
    private readonly client: QoderClient,
    private readonly path: string,
    private readonly wire: z.ZodType<W>,
  ) {}

  /** `POST <collection>`; `secrets` are scrubbed from any error text. */
  async create(body: object, options: { idempotencyKey?: string; secrets?: string[] } = {}): Promise<W> {
    return this.client.call({ method: "POST", path: this.path, body, ...options }, this.wire);
  }

  /** `GET <collection>/{id}`; undefined when the API says it does not exist. */
  async get(id: string): Promise<W | undefined> {
    return this.client.call({ method: "GET", path: this.itemPath(id), absentId: id }, this.wire);
  }

  /** `POST <collection>/{id}`: changes the object in place. */
  async update(id: string, body: object, secrets?: string[]): Promise<W> {
    return this.client.call({ method: "POST", path: this.itemPath(id), body, secrets }, this.wire);
  }

  /** `POST <collection>/{id}/archive`; false when the object no longer exists. */
  async archive(id: string): Promise<boolean> {
    return (await this.client.call({ method: "POST", path: `${this.itemPath(id)}/archive`, absentId: id }, this.wire)) !== undefined;
  }

  /** `DELETE <collection>/{id}`; false when the object no longer exists. */
  async delete(id: string): Promise<boolean> {
    return (await this.client.call({ method: "DELETE", path: this.itemPath(id), absentId: id }, deletedWire)) !== undefined;
  }

  /** Every live object of the collection, from every page. */
  async list(): Promise<W[]> {
    // The page schema is built here, not per instance: only a create refused as a repeat lists.
    const pageSchema = pageWire(this.wire) as unknown as z.ZodType<{ data: W[]; next_page?: string | null; has_more?: boolean }>;
    const pages = await this.client.allPages((page): Call => ({ method: "GET", path: `${this.path}?${pageQuery(page)}` }), pageSchema);
    return pages ?? [];
  }

  private itemPath(id: string): string {
    return `${this.path}/${encodeURIComponent(id)}`;
  }
}
