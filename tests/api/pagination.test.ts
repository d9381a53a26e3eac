import { QoderProtocolError } from "../../provider/errors";
import { clientOf, closeAll, loopback, type Received, type Reply, repositoryResource } from "./loopback-api";

afterEach(closeAll);

const items = [1, 2, 3, 4, 5].map(repositoryResource);

/** Answers a resources page chosen by the `page` query the server received. */
function pages(byCursor: Record<string, unknown>): (request: Received) => Reply {
  return (request) => ({ status: 200, body: byCursor[request.query.get("page") ?? ""] ?? { data: [], has_more: false } });
}

describe("listResources pagination", () => {
  test("follows next_page across 3 pages, sends each cursor back as `page`, and returns every item in order", async () => {
    // Cursors are opaque: ones with characters a query must encode come back intact.
    const api = await loopback(
      pages({
        "": { data: items.slice(0, 2), next_page: "cur/2+x=", has_more: true },
        "cur/2+x=": { data: items.slice(2, 4), next_page: "cur&3", has_more: true },
        "cur&3": { data: items.slice(4), next_page: null, has_more: false },
      }),
    );
    const resources = await clientOf(api).listResources("sess_x");
    expect(resources?.map((r) => r.id)).toEqual(items.map((item) => (item as { id: string }).id));
    expect(api.received.map((r) => r.path)).toEqual(Array(3).fill("/api/v1/cloud/sessions/sess_x/resources"));
    expect(api.received.map((r) => r.query.get("page"))).toEqual([null, "cur/2+x=", "cur&3"]);
    expect(api.received.map((r) => r.query.get("limit"))).toEqual(["100", "100", "100"]);
  });

  test("stops on has_more: false even when a next_page cursor comes with it", async () => {
    const api = await loopback(
      pages({
        "": { data: items.slice(0, 2), next_page: "p2", has_more: true },
        p2: { data: items.slice(2), next_page: "p3", has_more: false },
        p3: { data: [repositoryResource(99)], next_page: null, has_more: false },
      }),
    );
    const resources = await clientOf(api).listResources("sess_x");
    expect(resources).toHaveLength(5);
    expect(api.received.map((r) => r.query.get("page"))).toEqual([null, "p2"]);
  });

  test("stops when no cursor comes back, with or without has_more", async () => {
    const api = await loopback(
      pages({
        "": { data: items.slice(0, 1), next_page: "p2" },
        p2: { data: items.slice(1, 2), next_page: null },
        p3: { data: items.slice(2), has_more: false },
      }),
    );
    expect(await clientOf(api).listResources("sess_x")).toHaveLength(2);
    expect(api.received.map((r) => r.query.get("page"))).toEqual([null, "p2"]);

    // An older answer with neither next_page nor has_more is one page.
    const older = await loopback({ status: 200, body: { data: items } });
    expect(await clientOf(older).listResources("sess_x")).toHaveLength(5);
    expect(older.received).toHaveLength(1);
  });

  test("an empty first page is an empty list", async () => {
    const api = await loopback({ status: 200, body: { data: [], next_page: null, has_more: false } });
    expect(await clientOf(api).listResources("sess_x")).toEqual([]);
    expect(api.received).toHaveLength(1);
  });

  test("a malformed later page fails the whole list instead of returning the pages before it", async () => {
    const api = await loopback(
      pages({
        "": { data: items.slice(0, 2), next_page: "p2", has_more: true },
        p2: { data: "not a list", has_more: false },
      }),
    );
    const error = await clientOf(api)
      .listResources("sess_x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QoderProtocolError);
    expect((error as QoderProtocolError).status).toBe(200);
    expect(api.received).toHaveLength(2);
  });
});
