/**
 * Loaded with `node --require` (through NODE_OPTIONS) into every Node.js process the Pulumi CLI
 * starts; it does something only in dynamic provider processes. There it counts, through undici's
 * public diagnostics channels, the TCP connections undici opens and the requests it sends (each
 * attempt of a retried request counts once), whatever the provider's own code looks like. Counts
 * go to `$BENCH_PROBE_DIR/provider-<pid>.json`, written when the process starts (so every provider
 * process is counted) and again as they change. Subscribing does not load undici.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** What the probe writes for one provider process. */
export interface ProbeCounts {
  pid: number;
  /** Connections undici opened (`undici:client:connected`). */
  connections: number;
  /** Requests undici created (`undici:request:create`). */
  requests: number;
}

/**
 * Starts counting in this process, writing into `directory`; returns a function that stops it
 * (diagnostics channels are process-wide, so a test must stop what it started).
 */
export function installProbe(directory: string): () => void {
  const counts: ProbeCounts = { pid: process.pid, connections: 0, requests: 0 };
  const file = join(directory, `provider-${process.pid}.json`);
  let pending = true;
  const flush = () => {
    if (!pending) return;
    pending = false;
    writeFileSync(file, JSON.stringify(counts));
  };
  const connected = () => {
    counts.connections++;
    pending = true;
    flush();
  };
  const created = () => {
    counts.requests++;
    pending = true;
  };
  // The CLI ends the provider with SIGINT, which by default ends Node.js without its exit hooks;
  // exiting instead writes the counts (and lets `--cpu-prof` write its profile). Connections are
  // written at once, requests once a second, in case the CLI has to kill the process harder.
  const interrupted = () => process.exit(130);
  process.once("SIGINT", interrupted);
  process.on("exit", flush);
  const timer = setInterval(flush, 1000).unref();
  subscribe("undici:client:connected", connected);
  subscribe("undici:request:create", created);
  flush();
  return () => {
    unsubscribe("undici:client:connected", connected);
    unsubscribe("undici:request:create", created);
    clearInterval(timer);
    process.off("SIGINT", interrupted);
    process.off("exit", flush);
    flush();
  };
}

const directory = process.env.BENCH_PROBE_DIR;
if (directory && process.argv.some((arg) => arg.includes("dynamic-provider"))) {
  try {
    installProbe(directory);
  } catch (error) {
    process.emitWarning(`bench provider probe not installed: ${(error as Error).message}`);
  }
}
