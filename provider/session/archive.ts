/**
 * Archiving a Session that may already be archived: a Session archived outside Pulumi is archived
 * again when it is replaced or destroyed, and what the API answers to that is unconfirmed
 * (docs/api-contract.md#sessions; the emulator answers 200 with the Session unchanged).
 */
import type { QoderClient } from "../api/client";
import { QoderApiError } from "../errors";

/**
 * `POST /sessions/{id}/archive`. A Session already gone is fine; so is one the API refuses to
 * archive again (400 or 409) when a read shows it archived. Any other refusal is passed on.
 */
export async function archiveSession(client: QoderClient, id: string): Promise<void> {
  try {
    await client.archiveSession(id);
  } catch (error) {
    if (!(error instanceof QoderApiError && (error.status === 400 || error.status === 409))) throw error;
    const session = await client.getSession(id);
    if (session && !session.archived_at) throw error;
  }
}
