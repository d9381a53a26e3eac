import type { Handler } from "../handlers/handler";
import * as memoryStores from "../handlers/memory-store-handlers";
import * as resources from "../handlers/resource-handlers";
import * as sessions from "../handlers/session-handlers";
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
  route("POST", "/memory_stores", memoryStores.createMemoryStore),
  route("GET", "/memory_stores", memoryStores.listMemoryStores),
  route("GET", "/memory_stores/{memory_store_id}", memoryStores.getMemoryStore),
  route("POST", "/memory_stores/{memory_store_id}", memoryStores.updateMemoryStore),
  route("DELETE", "/memory_stores/{memory_store_id}", memoryStores.deleteMemoryStore),
  route("POST", "/memory_stores/{memory_store_id}/archive", memoryStores.archiveMemoryStore),
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
