import type { EmulatorOptions } from "../../emulator";
import { type RunningEmulator, startEmulator } from "../../emulator";
import type { SessionInputs } from "../../provider/session/model";
import { SessionProvider } from "../../provider/session/provider";
import type { SessionState } from "../../provider/session/state";

export const QODER_TOKEN = "qoder_pat_provider_test_7f3a9c";
export const BACKEND_TOKEN = "ghp_backend_token_a1b2c3d4";
export const FRONTEND_TOKEN = "ghp_frontend_token_e5f6a7b8";

export const backend = { url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: BACKEND_TOKEN };
export const frontend = { url: "https://github.com/acme/frontend", mountPath: "/app/frontend", authorizationToken: FRONTEND_TOKEN };

export const inputs: SessionInputs = {
  agent: { id: "agent_019e390add9f", version: 1 },
  environmentId: "env_019e2590d33f",
  title: "Fix bug in backend",
  metadata: { team: "platform" },
  repositories: [backend, frontend],
};

/** An emulator and a provider pointed at it, with fast retries so fault tests stay quick. */
export async function providerAgainstEmulator(options: EmulatorOptions = {}) {
  const emulator: RunningEmulator = await startEmulator({ tokens: [QODER_TOKEN], ...options });
  const provider = new SessionProvider({ apiUrl: emulator.url, token: QODER_TOKEN, maxRetries: 3 });
  return {
    emulator,
    provider,
    /** Requests other than reads. */
    writes: () => emulator.requests.filter((request) => request.method !== "GET"),
    async create(args: SessionInputs = inputs): Promise<SessionState> {
      return (await provider.create(args)).outs as SessionState;
    },
    /** Removes a Session resource through the API itself, as someone outside Pulumi would. */
    async deleteResource(sessionId: string, resourceId: string) {
      const response = await fetch(`${emulator.url}/sessions/${sessionId}/resources/${resourceId}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${QODER_TOKEN}` },
      });
      if (!response.ok) throw new Error(`DELETE resource answered ${response.status}`);
      emulator.clearRequests();
    },
    async close() {
      await provider.close();
      await emulator.close();
    },
  };
}
