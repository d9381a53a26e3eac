import type { QoderClient } from "../../provider/api/client";
import { QoderApiError, QoderError } from "../../provider/errors";
import { apiError, clientOf, closeAll, loopback, type Reply } from "./loopback-api";

afterEach(closeAll);

const ID = "sess_x";

/** The four calls that read a 404 as "the Session is gone", and what each answers then. */
const calls: [string, (client: QoderClient) => Promise<unknown>, unknown][] = [
  ["getSession", (client) => client.getSession(ID), undefined],
  ["listResources", (client) => client.listResources(ID), undefined],
  ["archiveSession", (client) => client.archiveSession(ID), false],
  ["deleteSession", (client) => client.deleteSession(ID), false],
];

const absent: Reply = { status: 404, body: apiError("not_found_error", `Session '${ID}' was not found.`, "req_nf") };

/** 404s that are not the API saying the Session does not exist. */
const otherNotFounds: [string, Reply][] = [
  [
    "an unknown route's not_found_error naming the id only inside the path",
    { status: 404, body: apiError("not_found_error", `No endpoint matches GET /api/v2/cloud/sessions/${ID}.`) },
  ],
  [
    "an unknown route's not_found_error without the id",
    { status: 404, body: apiError("not_found_error", "No endpoint matches this request.") },
  ],
  [
    "a not_found_error for a longer id that starts with this one",
    { status: 404, body: apiError("not_found_error", `Session '${ID}y' was not found.`) },
  ],
  ["another object's not_found_error", { status: 404, body: apiError("not_found_error", "Environment 'env_1' was not found.") }],
  ["another error type naming the id", { status: 404, body: apiError("invalid_request_error", `Session '${ID}' was not found.`) }],
  [
    "an HTML proxy page naming the path",
    {
      status: 404,
      headers: { "content-type": "text/html" },
      body: `<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>/api/v1/cloud/sessions/${ID}</p></body></html>`,
    },
  ],
  ["an empty body", { status: 404, body: "" }],
];

describe.each(calls)("%s", (_name, call, gone) => {
  test(`answers ${String(gone)} for the API's not_found_error naming the Session, after one attempt`, async () => {
    const api = await loopback(absent);
    expect(await call(clientOf(api))).toBe(gone);
    expect(api.received).toHaveLength(1);
  });

  test.each(otherNotFounds)("throws for %s, naming the base URL and how to fix it", async (_what, reply) => {
    const api = await loopback(reply);
    const error = await call(clientOf(api)).then(
      (value) => ({ resolvedTo: value }),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QoderApiError);
    expect(error).toBeInstanceOf(QoderError);
    expect((error as QoderApiError).status).toBe(404);
    const message = (error as Error).message;
    expect(message).toContain(`The API at ${api.url} did not say that ${ID} does not exist`);
    expect(message).toContain("qoder:apiUrl");
    expect(api.received).toHaveLength(1);
  });
});

test("a createSession 404 (an environment that does not exist) is an error without the base-URL hint", async () => {
  const api = await loopback({ status: 404, body: apiError("not_found_error", "Environment 'env_1' was not found.") });
  const error = await clientOf(api)
    .createSession({ agent: "agent_1", environment_id: "env_1", resources: [] })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QoderApiError);
  expect((error as Error).message).not.toContain("qoder:apiUrl");
});

test("a base URL with a trailing slash is named without it", async () => {
  const api = await loopback({ status: 404, body: "" });
  const error = await clientOf(api, { apiUrl: `${api.url}/` })
    .getSession(ID)
    .catch((e: unknown) => e);
  expect(api.received[0].path).toBe(`/api/v1/cloud/sessions/${ID}`);
  expect((error as Error).message).toContain(`The API at ${api.url} did not say`);
});
