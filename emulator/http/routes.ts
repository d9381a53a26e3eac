import * as agents from "../handlers/agent-handlers";
import * as environments from "../handlers/environment-handlers";
import type { Handler } from "../handlers/handler";
import * as memoryStores from "../handlers/memory-store-handlers";
import * as resources from "../handlers/resource-handlers";
import * as sessions from "../handlers/session-handlers";
import * as credentials from "../handlers/vault-credential-handlers";
import * as vaults from "../handlers/vault-handlers";
import { compilePathPattern, type PathMatcher, type PathParams } from "./path-pattern";

/** The path every endpoint lives under. */
export const BASE_PATH = "/api/v1/cloud";

interface Route {
  method: string;
  matches: PathMatcher;
  handler: Handler;
  /** A read sent as POST (search): its `Idempotency-Key` is ignored. */
  read: boolean;
}

/** A matched route: its handler, path parameters and whether it only reads. */
export interface RouteMatch {
  handler: Handler;
  params: PathParams;
  read: boolean;
}

function route(method: string, pattern: string, handler: Handler, options: { read?: boolean } = {}): Route {
  return { method, matches: compilePathPattern(pattern), handler, read: options.read ?? false };
}

const ROUTES: readonly Route[] = [
  route("POST", "/sessions", sessions.createSession),
  route("GET", "/sessions", sessions.listSessions),
  // Before `POST /sessions/{session_id}`, which would otherwise take "search" for a session id.
  route("POST", "/sessions/search", sessions.searchSessions, { read: true }),
  route("GET", "/sessions/{session_id}", sessions.getSession),
  route("POST", "/sessions/{session_id}", sessions.updateSession),
  route("DELETE", "/sessions/{session_id}", sessions.deleteSession),
  route("POST", "/sessions/{session_id}/archive", sessions.archiveSession),
  route("POST", "/sessions/{session_id}/cancel", sessions.cancelSession),
  route("GET", "/sessions/{session_id}/resources", resources.listResources),
  route("POST", "/sessions/{session_id}/resources", resources.addResource),
  route("GET", "/sessions/{session_id}/resources/{resource_id}", resources.getResource),
  route("POST", "/sessions/{session_id}/resources/{resource_id}", resources.rotateResourceCredential),
  route("DELETE", "/sessions/{session_id}/resources/{resource_id}", resources.deleteResource),
  // Agents have no delete: `DELETE /agents/{agent_id}` matches no route (404).
  route("POST", "/agents", agents.createAgent),
  route("GET", "/agents", agents.listAgents),
  route("GET", "/agents/{agent_id}", agents.getAgent),
  route("POST", "/agents/{agent_id}", agents.updateAgent),
  route("POST", "/agents/{agent_id}/archive", agents.archiveAgent),
  route("GET", "/agents/{agent_id}/versions", agents.listAgentVersions),
  route("POST", "/environments", environments.createEnvironment),
  route("GET", "/environments", environments.listEnvironments),
  route("GET", "/environments/{environment_id}", environments.getEnvironment),
  route("POST", "/environments/{environment_id}", environments.updateEnvironment),
  route("DELETE", "/environments/{environment_id}", environments.deleteEnvironment),
  route("POST", "/environments/{environment_id}/archive", environments.archiveEnvironment),
  route("POST", "/memory_stores", memoryStores.createMemoryStore),
  route("GET", "/memory_stores", memoryStores.listMemoryStores),
  route("GET", "/memory_stores/{memory_store_id}", memoryStores.getMemoryStore),
  route("POST", "/memory_stores/{memory_store_id}", memoryStores.updateMemoryStore),
  route("DELETE", "/memory_stores/{memory_store_id}", memoryStores.deleteMemoryStore),
  route("POST", "/memory_stores/{memory_store_id}/archive", memoryStores.archiveMemoryStore),
  // Vaults have no update: `POST /vaults/{vault_id}` matches no route (404).
  route("POST", "/vaults", vaults.createVault),
  route("GET", "/vaults", vaults.listVaults),
  route("GET", "/vaults/{vault_id}", vaults.getVault),
  route("DELETE", "/vaults/{vault_id}", vaults.deleteVault),
  route("POST", "/vaults/{vault_id}/archive", vaults.archiveVault),
  route("POST", "/vaults/{vault_id}/credentials", credentials.createVaultCredential),
  route("GET", "/vaults/{vault_id}/credentials", credentials.listVaultCredentials),
  route("GET", "/vaults/{vault_id}/credentials/{credential_id}", credentials.getVaultCredential),
  route("POST", "/vaults/{vault_id}/credentials/{credential_id}", credentials.updateVaultCredential),
  route("DELETE", "/vaults/{vault_id}/credentials/{credential_id}", credentials.deleteVaultCredential),
  route("POST", "/vaults/{vault_id}/credentials/{credential_id}/archive", credentials.archiveVaultCredential),
];

/** The handler for a method and a path below the base path, with its path parameters. */
export function findRoute(method: string, path: string): RouteMatch | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const params = candidate.matches(path);
    if (params) return { handler: candidate.handler, params, read: candidate.read };
  }
  return undefined;
}
