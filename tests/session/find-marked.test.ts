import { CREATE_MARKER } from "../../provider/dynamic/idempotency";
import { QoderApiError } from "../../provider/errors";
import { findMarkedSessions, isSearchUnavailable } from "../../provider/session/find-marked";
import { apiError, clientOf, closeAll, loopback, type Received, type Reply, sessionBody } from "../api/loopback-api";

// Finding the Sessions a create marked, against a raw HTTP server that plays an API with or
// without session search (docs/api-contract.md#sessions).

const DIGEST = "d".repeat(64);
const marked = (id: string, extra: Record<string, unknown> = {}) => sessionBody(id, { metadata: { [CREATE_MARKER]: DIGEST }, ...extra });
const page = (items: unknown[]) => ({ data: items, next_page: null, has_more: false });
const LIST = { status: 200, body: page([sessionBody("sess_unmarked"), marked("sess_marked")]) };
const LISTED = /^GET \/api\/v1\/cloud\/sessions$/;

/** An API whose search answers `search` and whose list answers `list`. */
function api(search: Reply, list: Reply = LIST) {
  return loopback((request: Received) => (request.path.endsWith("/sessions/search") ? search : list));
}

const calls = (received: Received[]) => received.map((r) => `${r.method} ${r.path}`);

let log: jest.SpyInstance;
beforeEach(() => {
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(async () => {
  log.mockRestore();
  await closeAll();
});

describe("where the API refuses search, the documented list answers instead", () => {
  test.each([
    [404, "not_found_error", "No endpoint matches POST /api/v1/cloud/sessions/search."],
    [404, "not_found_error", "Session 'search' was not found."],
    [400, "invalid_request_error", "Unknown beta 'search-2026-08-31'."],
    [403, "permission_error", "This token may not search Sessions."],
    [405, "invalid_request_error", "Method not allowed."],
    [410, "invalid_request_error", "Session search was retired."],
    [501, "api_error", "Not implemented."],
  ])("%i %s: every page of GET /sessions, filtered by the marker", async (status, type, message) => {
    const server = await api({ status, body: apiError(type, message) });
    const found = await findMarkedSessions(clientOf(server), DIGEST);
    expect(found.map((session) => session.id)).toEqual(["sess_marked"]);
    expect(calls(server.received)).toEqual(["POST /api/v1/cloud/sessions/search", "GET /api/v1/cloud/sessions"]);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/Session search .* is not available here \(\d+ \w+\); finding Sessions by listing/),
    );
  });

  test("a 404 page that is no error envelope (a proxy's, say) counts too", async () => {
    const server = await api({ status: 404, body: "<html>Not Found</html>" });
    expect((await findMarkedSessions(clientOf(server), DIGEST)).map((s) => s.id)).toEqual(["sess_marked"]);
  });

  test("the client remembers it: the next lookup reads the list without asking search again", async () => {
    const server = await api({ status: 404, body: apiError("not_found_error", "No endpoint matches.") });
    const client = clientOf(server);
    await findMarkedSessions(client, DIGEST);
    await findMarkedSessions(client, DIGEST);
    expect(calls(server.received)).toEqual([
      "POST /api/v1/cloud/sessions/search",
      "GET /api/v1/cloud/sessions",
      "GET /api/v1/cloud/sessions",
    ]);
    expect(log).toHaveBeenCalledTimes(1);
    // Another client (a provider configured anew) asks search again.
    await findMarkedSessions(clientOf(server), DIGEST);
    expect(calls(server.received).filter((call) => call.endsWith("/search"))).toHaveLength(2);
  });

  test("the list is followed across pages", async () => {
    let n = 0;
    const server = await loopback((request: Received) => {
      if (request.path.endsWith("/search")) return { status: 404, body: apiError("not_found_error", "No endpoint matches.") };
      n += 1;
      return n === 1
        ? { status: 200, body: { data: [sessionBody("sess_a")], next_page: "p2", has_more: true } }
        : { status: 200, body: page([marked("sess_on_page_2")]) };
    });
    expect((await findMarkedSessions(clientOf(server), DIGEST)).map((s) => s.id)).toEqual(["sess_on_page_2"]);
    expect(server.received.filter((r) => LISTED.test(`${r.method} ${r.path}`)).map((r) => r.query.get("page"))).toEqual([null, "p2"]);
  });
});

describe("where search works, or fails for another reason", () => {
  test("a live marked Session in search is the answer: no list is read", async () => {
    const server = await api({ status: 200, body: page([marked("sess_searched")]) });
    expect((await findMarkedSessions(clientOf(server), DIGEST)).map((s) => s.id)).toEqual(["sess_searched"]);
    expect(calls(server.received)).toEqual(["POST /api/v1/cloud/sessions/search"]);
  });

  test("search showing none live is checked against the list, and asked again next time", async () => {
    const server = await api({ status: 200, body: page([]) });
    const client = clientOf(server);
    expect((await findMarkedSessions(client, DIGEST)).map((s) => s.id)).toEqual(["sess_marked"]);
    await findMarkedSessions(client, DIGEST);
    expect(calls(server.received).filter((call) => call.endsWith("/search"))).toHaveLength(2);
    expect(log).not.toHaveBeenCalled();
  });

  test.each([
    [401, "authentication_error"],
    [503, "api_error"],
  ])("%i %s is no sign that search is missing: it fails the lookup", async (status, type) => {
    const server = await api({ status, body: apiError(type, "No.") });
    const error = await findMarkedSessions(clientOf(server, { retry: { maxRetries: 1 } }), DIGEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderApiError);
    expect((error as QoderApiError).status).toBe(status);
    expect(server.received.some((r) => r.method === "GET")).toBe(false);
  });

  test("isSearchUnavailable reads only API refusals of the listed statuses", () => {
    const refusal = (status: number) =>
      new QoderApiError({ method: "POST", path: "/sessions/search", status, errorType: "x", apiMessage: "" });
    expect([400, 403, 404, 405, 410, 422, 501].every((status) => isSearchUnavailable(refusal(status)))).toBe(true);
    expect([401, 408, 409, 429, 500, 502, 503].some((status) => isSearchUnavailable(refusal(status)))).toBe(false);
    expect(isSearchUnavailable(new Error("404"))).toBe(false);
  });
});
