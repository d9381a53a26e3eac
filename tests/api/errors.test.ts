import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { QoderClient } from "../../provider/api/client";
import { QoderApiError } from "../../provider/errors";

const TOKEN = "qoder_pat_errors_test_4d3c";
const GITHUB = "ghp_errors_github_8f7e";

/** A server that answers every request with one fixed error, as the API's envelope spells it. */
async function answering(status: number, type: string, message: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(status, { "content-type": "application/json", "request-id": "req_header_1" });
    res.end(JSON.stringify({ type: "error", request_id: "req_1234", error: { type, message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/cloud` };
}

test.each([
  [
    403,
    "permission_error",
    "Token lacks scope sessions:write.",
    /refused POST \/sessions: 403 permission_error: Token lacks scope sessions:write\. \(request_id req_1234\)\. The Qoder token \(taken from QODER_ACCESS_TOKEN\) is not allowed/,
  ],
  [
    404,
    "not_found_error",
    "Environment 'env_x' was not found.",
    /refused POST \/sessions: 404 not_found_error: Environment 'env_x' was not found\. \(request_id req_1234\)/,
  ],
  [
    409,
    "conflict_error",
    "Idempotency key reused with a different request body.",
    /refused POST \/sessions: 409 conflict_error: Idempotency key reused with a different request body\. \(request_id req_1234\)/,
  ],
])("a %i says what was refused, with the request_id, and no token", async (status, type, message, expected) => {
  const { server, url } = await answering(status, type, message);
  const client = new QoderClient({ apiUrl: url, token: TOKEN, tokenSource: "QODER_ACCESS_TOKEN", retry: { maxRetries: 0 } });
  const error = await client
    .createSession({
      agent: "agent_1",
      environment_id: "env_x",
      resources: [{ type: "github_repository", url: "https://github.com/a/b", authorization_token: GITHUB }],
    })
    .catch((e: unknown) => e);
  await client.close();
  server.close();
  expect(error).toBeInstanceOf(QoderApiError);
  expect(String(error)).toMatch(expected);
  expect((error as QoderApiError).status).toBe(status);
  expect((error as QoderApiError).requestId).toBe("req_1234");
  expect(JSON.stringify(error) + String(error)).not.toMatch(new RegExp(`${TOKEN}|${GITHUB}`));
});

test("an error message that echoes a token is scrubbed", async () => {
  const { server, url } = await answering(400, "invalid_request_error", `Token ${GITHUB} is malformed.`);
  const client = new QoderClient({ apiUrl: url, token: TOKEN });
  const error = await client
    .rotateRepositoryCredential("sess_1", "sesr_1", { authorization_token: GITHUB })
    .catch((e: unknown) => String(e));
  await client.close();
  server.close();
  expect(error).toMatch(/400 invalid_request_error: Token \[secret\] is malformed/);
  expect(error).not.toContain(GITHUB);
});

test("an error that echoes a Git password, raw or URL-encoded, is scrubbed on create and on rotation", async () => {
  const password = "pa ss/word+é1";
  for (const form of [password, encodeURIComponent(password)]) {
    const { server, url } = await answering(400, "invalid_request_error", `Password '${form}' was refused.`);
    const client = new QoderClient({ apiUrl: url, token: TOKEN, retry: { maxRetries: 0 } });
    const created = await client
      .createSession({
        agent: "agent_1",
        environment_id: "env_x",
        resources: [{ type: "git_repository", url: "https://deploy@git.example.com/a.git", password }],
      })
      .catch((e: unknown) => String(e));
    const rotated = await client.rotateRepositoryCredential("sess_1", "sesr_1", { password }).catch((e: unknown) => String(e));
    await client.close();
    server.close();
    for (const error of [created, rotated]) {
      expect(error).toMatch(/400 invalid_request_error: Password '\[secret\]' was refused/);
      expect(error).not.toContain(form);
    }
  }
});
