import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "pulumi-qoder/emulator";
import { REPO } from "../engine/pulumi-cli";
import { type BenchStack, type ConfigTransport, createBenchStack } from "./bench-stack";
import { benchSessions, benchTokens, TOKEN_KEYS } from "./fleet";
import { providerBuildFingerprint } from "./measure/build-fingerprint";
import { ConnectionCounter } from "./measure/connections";
import { collectProbeCounts, PROBE_SCRIPT } from "./measure/probe-files";
import type { ProbeCounts } from "./measure/provider-probe";
import type { Operation } from "./measure/request-minimum";
import { type RequestTally, tallyRequests } from "./measure/request-tally";
import { type StateSize, stateSize } from "./measure/state-size";
import { TreeSampler, type TreeUsage } from "./measure/tree-sampler";
import type { Variant } from "./variants";

/** What one operation cost. */
interface OperationSample {
  operation: Operation;
  wallMs: number;
  usage: TreeUsage;
  requests: RequestTally;
  /** TCP connections the emulator accepted during the operation. */
  connections: number;
  /** Counts from each provider process the operation started. */
  providerProcesses: ProbeCounts[];
  /** Resource changes the engine reported, by kind. */
  changes: Record<string, number>;
  /** Set when the engine did not report the changes the step is meant to make. */
  unexpected?: string;
  error?: string;
}

/** One run of the whole life cycle of one stack. */
export interface LifecycleRun {
  variant: Variant["name"];
  sessions: number;
  latencyMs: number;
  run: number;
  transport: ConfigTransport;
  /** Fingerprint of the installed provider code when the run started and when it ended. */
  providerBuild: { start: string; end: string };
  operations: OperationSample[];
  /** Measured after `up` when asked for. */
  state?: StateSize & { checkpointBytes: number };
}

/** Settings shared by every run. */
export interface LifecycleSettings {
  sampleMs: number;
  transport: ConfigTransport | "auto";
  cpuProfileDir?: string;
  measureState: boolean;
  /** Engine writes state only at the end (`PULUMI_SKIP_CHECKPOINTS`). */
  skipCheckpoints: boolean;
  /** The operations to run, in life-cycle order. */
  operations: readonly Operation[];
}

const QODER_TOKEN = "qoder_bench_pat_6e2d4c1a";

/** The resource changes each step should report for `n` Sessions (the stack itself counts once). */
function expectedChanges(operation: Operation, n: number): Record<string, number> {
  switch (operation) {
    case "up":
      return { create: n + 1 };
    case "preview":
    case "refresh":
      return { same: n + 1 };
    case "rotate":
    case "retitle":
      return { update: n, same: 1 };
    case "destroy":
      return { delete: n + 1 };
  }
}

function describeMismatch(actual: Record<string, number>, expected: Record<string, number>): string | undefined {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  const differs = [...keys].some((key) => (actual[key] ?? 0) !== (expected[key] ?? 0));
  return differs ? `engine reported ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}` : undefined;
}

/** Size of the checkpoint file the local backend rewrites as the operation goes. */
function checkpointBytes(stateDir: string): number {
  let largest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.json(\.gz)?$/.test(entry.name) && dir.includes(join(".pulumi", "stacks")))
        largest = Math.max(largest, statSync(path).size);
    }
  };
  walk(stateDir);
  return largest;
}

/** Moves the CPU profiles written so far into a folder named after the operation. */
function fileProfiles(from: string, to: string): void {
  const profiles = readdirSync(from).filter((name) => name.endsWith(".cpuprofile"));
  if (profiles.length === 0) return;
  mkdirSync(to, { recursive: true });
  for (const name of profiles) renameSync(join(from, name), join(to, name));
}

/**
 * Runs `settings.operations` (of up, an unchanged preview, refresh, a token rotation, a title change and destroy) on a fresh
 * stack of `variant` with `sessions` Sessions, against a fresh emulator at `latencyMs`, measuring
 * each operation.
 */
export async function runLifecycle(
  variant: Variant,
  sessions: number,
  latencyMs: number,
  run: number,
  settings: LifecycleSettings,
): Promise<LifecycleRun> {
  const emulator = await startEmulator({ tokens: [QODER_TOKEN] });
  emulator.setLatency(latencyMs);
  mkdirSync(join(REPO, ".work"), { recursive: true }); // absent in a fresh clone until a stack is made
  const scratch = mkdtempSync(join(REPO, ".work", "bench-"));
  const probeDir = join(scratch, "probe");
  const profileDir = join(scratch, "profiles");
  mkdirSync(probeDir);
  mkdirSync(profileDir);
  const nodeOptions = [`--require=${PROBE_SCRIPT}`];
  if (settings.cpuProfileDir) nodeOptions.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`);

  const build = providerBuildFingerprint();
  const result: LifecycleRun = {
    variant: variant.name,
    sessions,
    latencyMs,
    run,
    transport: "stack",
    providerBuild: { start: build, end: build },
    operations: [],
  };
  let bench: BenchStack | undefined;
  try {
    bench = await createBenchStack({
      variant,
      sessions: benchSessions(sessions),
      tokens: benchTokens(0),
      providerConfig: { "qoder:apiUrl": { value: emulator.url }, "qoder:token": { value: QODER_TOKEN, secret: true } },
      transport: settings.transport,
      env: {
        NODE_OPTIONS: nodeOptions.join(" "),
        BENCH_PROBE_DIR: probeDir,
        ...(settings.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
      },
    });
    result.transport = bench.transport;
    const stack = bench.engine.stack;
    const sampler = new TreeSampler(settings.sampleMs);
    const counter = new ConnectionCounter();

    const steps: Record<Operation, { prepare?: () => Promise<void>; act: () => Promise<Record<string, number>> }> = {
      up: { act: async () => (await stack.up()).summary.resourceChanges ?? {} },
      preview: { act: async () => (await stack.preview()).changeSummary as Record<string, number> },
      refresh: { act: async () => (await stack.refresh()).summary.resourceChanges ?? {} },
      rotate: {
        prepare: () => bench!.setToken(TOKEN_KEYS.shared, benchTokens(1)[TOKEN_KEYS.shared]),
        act: async () => (await stack.up()).summary.resourceChanges ?? {},
      },
      retitle: {
        prepare: () => bench!.setSessions(benchSessions(sessions, 2)),
        act: async () => (await stack.up()).summary.resourceChanges ?? {},
      },
      destroy: { act: async () => (await stack.destroy()).summary.resourceChanges ?? {} },
    };

    for (const operation of settings.operations) {
      const step = steps[operation];
      await step.prepare?.();
      collectProbeCounts(probeDir);
      emulator.clearRequests();
      sampler.start();
      counter.start();
      const started = performance.now();
      let changes: Record<string, number> = {};
      let error: string | undefined;
      try {
        changes = await step.act();
      } catch (failure) {
        error = (failure as Error).message.slice(-2000);
      }
      const wallMs = performance.now() - started;
      const connections = counter.stop();
      const usage = sampler.stop();
      const requests = tallyRequests(emulator.requests);
      const sample: OperationSample = {
        operation,
        wallMs,
        usage,
        requests,
        connections,
        providerProcesses: collectProbeCounts(probeDir),
        changes,
        ...(error ? { error } : { unexpected: describeMismatch(changes, expectedChanges(operation, sessions)) }),
      };
      result.operations.push(sample);
      if (settings.cpuProfileDir) {
        fileProfiles(profileDir, join(settings.cpuProfileDir, `${variant.name}-n${sessions}-l${latencyMs}-r${run}`, operation));
      }
      if (error) break;
      if (operation === "up" && settings.measureState) {
        const exported = await bench.engine.exportState();
        result.state = {
          ...stateSize(exported, variant.name === "provider" ? ":Session" : ":NoopSession"),
          checkpointBytes: checkpointBytes(bench.engine.stateDir),
        };
      }
    }
  } finally {
    result.providerBuild.end = providerBuildFingerprint();
    await bench?.dispose();
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}
