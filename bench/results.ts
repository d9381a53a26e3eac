import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { PULUMI_VERSION, REPO } from "../engine/pulumi-cli";
import { type OperationSummary, summariseRuns } from "./aggregate";
import { type Comparison, compare, type Growth, growthOf, type StateSummary, stateSummaries } from "./analysis";
import { memoryMethod } from "./measure/tree-sampler";
import type { BenchOptions } from "./options";
import type { ScalingPoint } from "./repository-scaling";
import type { LifecycleRun } from "./scenario";
import { evaluateTargets, type TargetResult } from "./targets";

/** Everything `npm run bench` measured, as written to bench/results/latest.json. */
export interface BenchResult {
  schema: 1;
  generatedAt: string;
  /** False while the benchmark is still running (the file is rewritten after every run). */
  complete: boolean;
  host: { cpus: number; cpuModel: string; memoryBytes: number; node: string; pulumi: string; platform: string };
  /** The commit checked out, and whether provider/ differed from it. */
  source: { commit: string; providerModified: boolean };
  settings: {
    /** The full matrix (`--full`) rather than the headline run. */
    full?: boolean;
    sizes: number[];
    latencies: number[];
    runs: Record<number, number>;
    sampleMs: number;
    transport: string;
    memoryMethod: string;
    /** The engine's default `--parallel`. */
    engineParallelism?: number;
    /** True when the engine ran with `PULUMI_SKIP_CHECKPOINTS=true`. */
    skipCheckpoints?: boolean;
  };
  /** The provider's own per-Session work as the repository count of one Session grows. */
  repositoryScaling?: ScalingPoint[];
  summaries: OperationSummary[];
  comparisons: Comparison[];
  states: StateSummary[];
  growth: Growth[];
  targets: TargetResult[];
  /** Every measurement of every run. */
  runs: LifecycleRun[];
}

/** Everything derived from the runs: summaries, comparisons, state sizes, growth and targets. */
export function analyseRuns(
  runs: LifecycleRun[],
  parallelism?: number,
  scaling?: ScalingPoint[],
): Pick<BenchResult, "summaries" | "comparisons" | "states" | "growth" | "targets"> {
  const summaries = summariseRuns(runs);
  const comparisons = compare(summaries, runs, parallelism);
  const states = stateSummaries(runs);
  const growth = growthOf(summaries, states);
  return { summaries, comparisons, states, growth, targets: evaluateTargets(summaries, comparisons, growth, states, scaling) };
}

/** The result of the runs so far. */
export function buildResult(
  options: BenchOptions,
  runs: LifecycleRun[],
  complete: boolean,
  parallelism?: number,
  scaling?: ScalingPoint[],
): BenchResult {
  return {
    schema: 1,
    generatedAt: new Date().toISOString(),
    complete,
    host: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryBytes: totalmem(),
      node: process.version,
      pulumi: PULUMI_VERSION,
      platform: `${process.platform}-${process.arch}`,
    },
    source: sourceState(),
    settings: {
      full: options.full,
      sizes: options.sizes,
      latencies: options.latencies,
      runs: Object.fromEntries(options.sizes.map((size) => [size, options.runs(size)])),
      sampleMs: options.sampleMs,
      transport: options.transport,
      memoryMethod: memoryMethod(options.sampleMs),
      engineParallelism: parallelism,
      skipCheckpoints: options.skipCheckpoints,
    },
    repositoryScaling: scaling,
    ...analyseRuns(runs, parallelism, scaling),
    runs,
  };
}

function sourceState(): BenchResult["source"] {
  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  return {
    commit: git("rev-parse", "--short", "HEAD") || "unknown",
    providerModified: git("status", "--porcelain", "--", "provider").length > 0,
  };
}
