import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ProbeCounts } from "./provider-probe";

/** The compiled probe, for `node --require`. */
export const PROBE_SCRIPT = join(__dirname, "provider-probe.js");

/** Reads and removes what the probe wrote since the last call: one entry per provider process. */
export function collectProbeCounts(directory: string): ProbeCounts[] {
  mkdirSync(directory, { recursive: true });
  const counts: ProbeCounts[] = [];
  for (const name of readdirSync(directory)) {
    if (!/^provider-\d+\.json$/.test(name)) continue;
    const path = join(directory, name);
    try {
      counts.push(JSON.parse(readFileSync(path, "utf8")) as ProbeCounts);
    } catch {
      // a half-written file of a process killed mid-write: skip it
    }
    rmSync(path, { force: true });
  }
  return counts;
}
