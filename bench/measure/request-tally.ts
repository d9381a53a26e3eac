import type { RecordedRequest } from "pulumi-qoder/emulator";

/** What an API request does, from its method and path. */
export type RequestKind = "create" | "read" | "page" | "rotate" | "update" | "archive" | "delete" | "other";

/** The requests one operation sent. */
export interface RequestTally {
  total: number;
  byKind: Partial<Record<RequestKind, number>>;
  /** Requests answered with anything but 2xx (retried attempts show up here). */
  failed: number;
}

const SESSION = "/sessions/[^/?]+";

/** Classifies a request the emulator recorded (its path is below the API base path). */
function requestKind(request: Pick<RecordedRequest, "method" | "path">): RequestKind {
  const path = request.path.split("?")[0];
  const is = (pattern: string) => new RegExp(`^${pattern}$`).test(path);
  if (request.method === "POST" && is("/sessions")) return "create";
  if (request.method === "GET" && is(SESSION)) return "read";
  if (request.method === "GET" && is(`${SESSION}/resources`)) return "page";
  if (request.method === "POST" && is(`${SESSION}/resources/[^/]+`)) return "rotate";
  if (request.method === "POST" && is(`${SESSION}/archive`)) return "archive";
  if (request.method === "POST" && is(SESSION)) return "update";
  if (request.method === "DELETE" && is(SESSION)) return "delete";
  return "other";
}

/** Counts requests by kind. */
export function tallyRequests(requests: readonly RecordedRequest[]): RequestTally {
  const byKind: Partial<Record<RequestKind, number>> = {};
  let failed = 0;
  for (const request of requests) {
    const kind = requestKind(request);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (request.status === null || request.status < 200 || request.status >= 300) failed++;
  }
  return { total: requests.length, byKind, failed };
}
