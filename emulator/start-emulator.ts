import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as timer } from "node:timers/promises";
import { TimestampClock } from "./clock";
import { createEmulatorState } from "./domain/emulator-state";
import { emulatedSession } from "./domain/views";
import { FaultInjector } from "./faults/fault-injector";
import { IdempotencyStore } from "./http/idempotency-store";
import type { RecordedRequest } from "./http/request-log";
import { createRequestListener } from "./http/request-pipeline";
import { BASE_PATH } from "./http/routes";
import { createObjectControls } from "./object-controls";
import type { EmulatorOptions, RunningEmulator, SeedResourceInput, SeedSessionInput } from "./options";
import { outOfBand } from "./out-of-band";
import { parseCreateSessionBody } from "./validation/create-session-body";
import { parseUpdateSessionBody } from "./validation/update-session-body";

const DEFAULT_TOKENS = ["test-token"];
const DEFAULT_SEED = 1;

/** Starts a Qoder Cloud Agents API emulator on a loopback port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? (() => new Date());
  const state = createEmulatorState(new TimestampClock(now), options.agents);
  const store = state.sessions;
  const faults = new FaultInjector(options.faults ?? [], options.seed ?? DEFAULT_SEED);
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  let latencyMs = checkedLatency(options.latencyMs ?? 0);

  const server = createServer(
    createRequestListener({
      state,
      idempotency: new IdempotencyStore(now),
      faults,
      tokens: new Set(options.tokens ?? DEFAULT_TOKENS),
      latencyMs: () => latencyMs,
      sleep: options.sleep ?? ((ms, signal) => timer(ms, undefined, { signal })),
      requests,
      closing: closing.signal,
    }),
  );
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, options.port ?? 0, host);
  let closed: Promise<void> | undefined;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${BASE_PATH}`,
    port,
    requests,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
    clearRequests() {
      requests.length = 0;
    },
    sessions: () => store.list(true).map(emulatedSession),
    session(id) {
      const found = store.find(id);
      return found && emulatedSession(found);
    },
    seedSession: (input) => {
      const { id, created_at, resources, ...body } = input;
      const given = { id, created_at, resource_ids: resources?.map((resource) => ("id" in resource ? resource.id : undefined)) };
      return emulatedSession(outOfBand(() => store.create(parseCreateSessionBody(seedBody({ ...body, resources })), given)));
    },
    archiveSession: (id) => emulatedSession(outOfBand(() => store.archive(id))),
    deleteSession: (id) => outOfBand(() => store.delete(id)),
    updateSession: (id, update) => emulatedSession(outOfBand(() => store.update(id, parseUpdateSessionBody(update)))),
    setLatency(ms) {
      latencyMs = checkedLatency(ms);
    },
    setFaults(rules) {
      faults.replace(rules);
    },
    ...createObjectControls(state),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function checkedLatency(ms: number): number {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new Error(`Latency must be a non-negative number of milliseconds, got ${ms}.`);
  return ms;
}

/** A seed input as a create body: resource `type` defaults to `github_repository`, and given ids are left out. */
function seedBody(input: Omit<SeedSessionInput, "id" | "created_at">): unknown {
  const resources = input.resources?.map((resource) => {
    const { id: _id, ...entry } = resource as SeedResourceInput & { id?: string };
    return { type: "github_repository", ...entry };
  });
  return resources ? { ...input, resources } : { ...input };
}
