import type { RunningEmulator } from "../../emulator";
import type { ApiClient } from "./support";

/** What {@link useCredentialVault} gives each test. */
export interface CredentialVault {
  /** A client that keeps every reply's text. */
  api: ApiClient;
  vaultId: string;
  /** `/vaults/{vaultId}/credentials`. */
  path: string;
  /** Creates a credential in the vault, expecting 201, and returns the answer. */
  create(body: Record<string, unknown>): Promise<Record<string, unknown> & { id: string; auth: Record<string, unknown> }>;
}

/**
 * A fresh vault before each test, and a client over `ctx.api` that keeps every reply. After each
 * test, no reply may contain any of `secretMarkers` (the start of every secret the tests send).
 */
export function useCredentialVault(ctx: { emulator: RunningEmulator; api: ApiClient }, secretMarkers: readonly string[]): CredentialVault {
  const vault = {} as CredentialVault;
  let replies: string[] = [];
  beforeEach(async () => {
    replies = [];
    const request: ApiClient["request"] = async (method, url, options) => {
      const reply = await ctx.api.request(method, url, options);
      replies.push(reply.text);
      return reply;
    };
    vault.api = {
      request,
      get: (url, headers) => request("GET", url, { headers }),
      post: (url, body, headers) => request("POST", url, { body, headers }),
      delete: (url, headers) => request("DELETE", url, { headers }),
    };
    vault.vaultId = (await vault.api.post("/vaults", { display_name: "Team secrets" })).body.id;
    vault.path = `/vaults/${vault.vaultId}/credentials`;
    vault.create = async (body) => {
      const reply = await vault.api.post(vault.path, body);
      expect(reply.status).toBe(201);
      return reply.body;
    };
  });
  afterEach(() => {
    for (const secret of secretMarkers) expect(replies.filter((text) => text.includes(secret))).toEqual([]);
  });
  return vault;
}
