import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningEmulator } from "../../emulator";
import { type EngineStack, rootProgramStack } from "../../engine/local-stack";
import { liveSessionIds } from "./killed-run";
import { perTestResources } from "./per-test";

// Stacks that a Session changed outside Pulumi used to leave failing on every `pulumi up`, each
// reproduced with the real CLI; the next `up` heals it, with one live Session per resource.

const QODER_TOKEN = "qoder_pat_session_healing_6a1f";
const FIRST_TOKEN = "ghp_healing_first_token_2b3c";
const NEXT_TOKEN = "ghp_healing_next_token_4d5e";
const { newEmulator, track } = perTestResources(QODER_TOKEN, [FIRST_TOKEN, NEXT_TOKEN]);

const repositories = [
  { url: "https://github.com/acme/backend", mountPath: "/app/backend" },
  { url: "https://github.com/acme/docs", mountPath: "/app/docs" },
];
const session = (name: string) => ({ name, agent: "agent_019e390add9f", environmentId: "env_019e2590d33f", title: name, repositories });

let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await newEmulator();
});

async function stackOf(names: string[], apiUrl = emulator.url): Promise<EngineStack> {
  return track(await rootProgramStack({ apiUrl, qoderToken: QODER_TOKEN, githubToken: FIRST_TOKEN, sessions: names.map(session) }));
}

/** Deletes a Session resource through the API, as someone outside Pulumi would. */
async function deleteResource(sessionId: string, mountPath: string): Promise<void> {
  const resource = emulator.session(sessionId)!.resources.find((r) => (r as { mount_path?: string }).mount_path === mountPath)!;
  const response = await fetch(`${emulator.url}/sessions/${sessionId}/resources/${resource.id}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${QODER_TOKEN}` },
  });
  expect(response.status).toBe(200);
}

/** The token each repository of a Session holds now, by mount path. */
const heldTokens = (id: string) =>
  Object.fromEntries(emulator.session(id)!.resources.map((r) => [(r as { mount_path: string }).mount_path, r.credentialHistory.at(-1)]));

const creates = () => emulator.requests.filter((r) => r.method === "POST" && r.path === "/sessions");

/**
 * Runs an `up` that rotates the GitHub token, and does `outOfBand` to the Session while the
 * rotation requests are on their way (each held for 3 s): the `up` fails as a pipeline saw it
 * fail before healing existed, on every later run.
 */
async function upFailingMidRotation(engine: EngineStack, outOfBand: () => Promise<void> | void): Promise<string> {
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: NEXT_TOKEN, secret: true });
  emulator.setFaults([{ route: "POST /sessions/*/resources/*", kind: "latency", delayMs: 3_000 }]);
  const up = engine.stack.up().then(
    () => "up succeeded",
    (error: Error) => error.message,
  );
  for (let waited = 0; !emulator.requests.some((r) => r.method === "POST" && r.path.includes("/resources/")); waited += 50) {
    if (waited > 60_000) throw new Error("no rotation was sent");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await outOfBand();
  const failure = await up;
  emulator.setFaults([]);
  return failure;
}

test("a repository resource deleted outside Pulumi, then its token rotated: the failed up is healed by a replacement", async () => {
  const engine = await stackOf(["stripped"]);
  await engine.stack.up();
  const [old] = liveSessionIds(emulator);

  const failure = await upFailingMidRotation(engine, () => deleteResource(old, "/app/docs"));
  expect(failure).toMatch(/404 not_found_error: Session resource 'sesr_\w+' was not found/);

  emulator.clearRequests();
  const preview = await engine.stack.preview();
  expect(preview.changeSummary).toEqual({ replace: 1, same: 1 });
  expect(engine.output.join("\n")).toContain(`Session ${old} no longer mounts /app/docs`);
  expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);

  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const [healed] = liveSessionIds(emulator);
  expect(liveSessionIds(emulator)).toEqual([healed]);
  expect(healed).not.toBe(old);
  expect(heldTokens(healed)).toEqual({ "/app/backend": NEXT_TOKEN, "/app/docs": NEXT_TOKEN });
  expect(emulator.session(old)!.archived_at).not.toBeNull();
  expect(creates().map((r) => r.status)).toEqual([409, 201]);
  expect((await engine.stack.outputs()).sessionIds.value.stripped).toBe(healed);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("a Session archived by hand, then its token rotated: the failed up is healed by a replacement", async () => {
  const engine = await stackOf(["archived"]);
  await engine.stack.up();
  const [old] = liveSessionIds(emulator);

  const failure = await upFailingMidRotation(engine, () => void emulator.archiveSession(old));
  expect(failure).toMatch(new RegExp(`400 invalid_request_error: Session '${old}' is archived; its credentials cannot be updated`));

  emulator.clearRequests();
  expect((await engine.stack.preview()).changeSummary).toEqual({ replace: 1, same: 1 });
  expect(engine.output.join("\n")).toContain(`Session ${old} was archived outside Pulumi`);

  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const live = liveSessionIds(emulator);
  expect(live).toHaveLength(1);
  expect(live[0]).not.toBe(old);
  expect(heldTokens(live[0])).toEqual({ "/app/backend": NEXT_TOKEN, "/app/docs": NEXT_TOKEN });
  expect(emulator.sessions().map((s) => s.id)).toEqual([old, live[0]]);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

test("both changes made before the up: its preview shows the two replacements, and the up makes them", async () => {
  const engine = await stackOf(["stripped", "archived"]);
  await engine.stack.up();
  const before = Object.fromEntries(
    Object.entries((await engine.stack.outputs()).sessionIds.value as Record<string, string>).map(([name, id]) => [name, id]),
  );
  await deleteResource(before.stripped, "/app/docs");
  emulator.archiveSession(before.archived);
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: NEXT_TOKEN, secret: true });

  emulator.clearRequests();
  expect((await engine.stack.preview()).changeSummary).toEqual({ replace: 2, same: 1 });
  expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  expect((await engine.stack.up()).summary.result).toBe("succeeded");

  const after = (await engine.stack.outputs()).sessionIds.value as Record<string, string>;
  expect(liveSessionIds(emulator).sort()).toEqual([after.stripped, after.archived].sort());
  for (const name of ["stripped", "archived"]) {
    expect(after[name]).not.toBe(before[name]);
    expect(heldTokens(after[name])).toEqual({ "/app/backend": NEXT_TOKEN, "/app/docs": NEXT_TOKEN });
  }
  // No rotation was tried on either old Session: each was replaced instead.
  expect(emulator.requests.filter((r) => r.path.includes("/resources/"))).toEqual([]);
});

test("a Session deleted outside Pulumi cannot be told from a wrong API URL: the preview names the commands, and they heal it", async () => {
  const engine = await stackOf(["deleted"]);
  await engine.stack.up();
  const [old] = liveSessionIds(emulator);
  emulator.deleteSession(old);
  await engine.stack.setConfig("qoder-sessions:githubToken", { value: NEXT_TOKEN, secret: true });

  emulator.clearRequests();
  const refused = await engine.stack.up().then(
    () => "up succeeded",
    (error: Error) => error.message,
  );
  expect(refused).toContain(`Session ${old} cannot be updated: the API at ${emulator.url} says it does not exist`);
  expect(refused).toContain("Run `pulumi refresh --run-program` to record that, then `pulumi up` to create it again");
  expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);

  // Exactly what the message says.
  expect((await engine.stack.refresh({ runProgram: true })).summary.result).toBe("succeeded");
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const live = liveSessionIds(emulator);
  expect(live).toHaveLength(1);
  expect(heldTokens(live[0])).toEqual({ "/app/backend": NEXT_TOKEN, "/app/docs": NEXT_TOKEN });
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
});

/**
 * A front for the emulator that answers `POST …/sessions/search` with 404, as an API without the
 * beta route does (search not enabled, or renamed), and passes every other request on.
 */
async function withoutSearch(target: RunningEmulator): Promise<{ url: string; refused: () => number; close(): Promise<void> }> {
  const base = new URL(target.url);
  let refused = 0;
  const server = createServer((incoming, answer) => {
    if (incoming.method === "POST" && incoming.url?.split("?")[0] === `${base.pathname}/sessions/search`) {
      refused += 1;
      incoming.resume();
      const message = `No endpoint matches POST ${base.pathname}/sessions/search.`;
      answer.writeHead(404, { "content-type": "application/json" });
      answer.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message, param: null } }));
      return;
    }
    const upstream = request(
      { host: base.hostname, port: base.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (reply) => {
        answer.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(answer);
      },
    );
    // The emulator dropped the connection (a lost answer): drop the caller's too.
    upstream.on("error", () => answer.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname}`,
    refused: () => refused,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test("an API without session search: a create whose answer was lost is found by listing Sessions, not left pending", async () => {
  const front = await withoutSearch(emulator);
  try {
    const engine = await stackOf(["lost"], front.url);
    // The API commits the create, and every answer to it (the retries' replays too) is lost.
    emulator.setFaults([{ route: "POST /sessions", kind: "drop-after-commit", times: 5 }]);
    await expect(engine.stack.up()).rejects.toThrow(/POST \/sessions failed/);
    const committed = liveSessionIds(emulator);
    expect(committed).toHaveLength(1);
    emulator.setFaults([]);

    // The pipeline's next run mints a new token: the API refuses the repeated key (409).
    await engine.stack.setConfig("qoder-sessions:githubToken", { value: NEXT_TOKEN, secret: true });
    emulator.clearRequests();
    expect((await engine.stack.up()).summary.result).toBe("succeeded");
    expect(liveSessionIds(emulator)).toEqual(committed);
    expect(heldTokens(committed[0])).toEqual({ "/app/backend": NEXT_TOKEN, "/app/docs": NEXT_TOKEN });
    expect((await engine.stack.outputs()).sessionIds.value.lost).toBe(committed[0]);
    expect(front.refused()).toBe(1);
    expect(creates().map((r) => r.status)).toEqual([409]);
    expect(emulator.requests.some((r) => r.method === "GET" && r.path === "/sessions" && r.query.limit === "100")).toBe(true);
    const printed = engine.output.join("\n");
    expect(printed).toContain("Session search (POST /sessions/search, beta) is not available here (404 not_found_error)");
    expect(printed).toContain(`Session ${committed[0]} was created by an earlier, interrupted run`);
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
  } finally {
    await front.close();
  }
});
