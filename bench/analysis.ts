import type { OperationSummary } from "./aggregate";
import { COMPARED_OPERATIONS, latencyFloorRatio, type Operation } from "./measure/request-minimum";
import type { StateSize } from "./measure/state-size";
import type { LifecycleRun } from "./scenario";
import { median, ratio } from "./stats";
import type { VariantName } from "./variants";

/** The Session provider against the no-op provider for one size, latency and operation. */
export interface Comparison {
  sessions: number;
  latencyMs: number;
  operation: Operation;
  timeRatio: number;
  /**
   * The median over runs of each run's own ratio: the no-op stack and the provider's stacks of one
   * run are measured one after the other, so this cancels drift in the machine's speed between runs.
   */
  pairedTimeRatio: number;
  /** Each run's own ratio, in run order: their spread shows how far one run can be trusted. */
  pairedRatios: number[];
  /** The time ratio a provider costing nothing would reach, from the API's latency and the engine's parallelism. */
  latencyFloorRatio: number | null;
  memoryRatio: number;
}

/** Sizes in the exported state of one variant at one size (from its first run). */
export interface StateSummary extends StateSize {
  variant: VariantName;
  sessions: number;
  checkpointBytes: number;
}

/** How one cost grows with the number of Sessions. */
export interface Growth {
  subject: string;
  unit: string;
  points: { sessions: number; value: number }[];
  /** Added cost per added Session between consecutive sizes. */
  marginal: number[];
  /** Last marginal over first; about 1 when the cost is linear, growing with N when it is not. */
  growth: number;
}

/** Provider time / no-op time of the same run, for each run. */
function pairedRatios(runs: LifecycleRun[], sessions: number, latencyMs: number, operation: Operation): number[] {
  const wall = (run: LifecycleRun | undefined) => run?.operations.find((sample) => sample.operation === operation && !sample.error)?.wallMs;
  return runs
    .filter((run) => run.variant === "provider" && run.sessions === sessions && run.latencyMs === latencyMs)
    .map((run) =>
      ratio(
        wall(run) ?? NaN,
        wall(runs.find((other) => other.variant === "noop" && other.sessions === sessions && other.run === run.run)) ?? NaN,
      ),
    )
    .filter(Number.isFinite);
}

/** Provider over no-op, for every operation both ran; `parallelism`: the engine's default `--parallel`. */
export function compare(summaries: OperationSummary[], runs: LifecycleRun[], parallelism?: number): Comparison[] {
  const noop = (sessions: number, operation: Operation) =>
    summaries.find((summary) => summary.variant === "noop" && summary.sessions === sessions && summary.operation === operation);
  return summaries
    .filter((summary) => summary.variant === "provider")
    .flatMap((summary) => {
      const floor = noop(summary.sessions, summary.operation);
      if (!floor) return [];
      const paired = pairedRatios(runs, summary.sessions, summary.latencyMs ?? 0, summary.operation);
      return [
        {
          sessions: summary.sessions,
          latencyMs: summary.latencyMs ?? 0,
          operation: summary.operation,
          timeRatio: ratio(summary.wallMs, floor.wallMs),
          pairedTimeRatio: median(paired),
          pairedRatios: paired,
          latencyFloorRatio: parallelism
            ? latencyFloorRatio(summary.operation, summary.sessions, summary.latencyMs ?? 0, parallelism, floor.wallMs)
            : null,
          memoryRatio: ratio(summary.peakRssBytes, floor.peakRssBytes),
        },
      ];
    });
}

/** State sizes per variant and size, from the first run that measured them. */
export function stateSummaries(runs: LifecycleRun[]): StateSummary[] {
  const seen = new Set<string>();
  const found: StateSummary[] = [];
  for (const run of runs) {
    const key = `${run.variant}|${run.sessions}`;
    if (!run.state || seen.has(key)) continue;
    seen.add(key);
    found.push({ variant: run.variant, sessions: run.sessions, ...run.state });
  }
  return found.sort((a, b) => a.variant.localeCompare(b.variant) || a.sessions - b.sessions);
}

function growth(subject: string, unit: string, points: { sessions: number; value: number }[]): Growth | undefined {
  const sorted = points.filter((point) => Number.isFinite(point.value)).sort((a, b) => a.sessions - b.sessions);
  if (sorted.length < 3) return undefined;
  const marginal = sorted.slice(1).map((point, index) => (point.value - sorted[index].value) / (point.sessions - sorted[index].sessions));
  return { subject, unit, points: sorted, marginal, growth: ratio(marginal[marginal.length - 1], marginal[0]) };
}

/**
 * Growth from the smallest to the largest size, for each compared operation: wall time of the
 * no-op provider and what the Session provider adds to it at each latency; peak memory of the
 * no-op provider and what the Session provider adds; and the exported state. Needs three sizes.
 */
export function growthOf(summaries: OperationSummary[], states: StateSummary[]): Growth[] {
  const found: (Growth | undefined)[] = [];
  const latencies = [...new Set(summaries.filter((s) => s.variant === "provider").map((s) => s.latencyMs ?? 0))];
  const sizes = [...new Set(summaries.map((s) => s.sessions))];
  const at = (variant: VariantName, latency: number | null, operation: Operation, sessions: number) =>
    summaries.find((s) => s.variant === variant && s.latencyMs === latency && s.operation === operation && s.sessions === sessions);
  for (const operation of COMPARED_OPERATIONS) {
    const noopTime = sizes.map((sessions) => ({ sessions, value: at("noop", null, operation, sessions)?.wallMs ?? NaN }));
    found.push(growth(`no-op ${operation} time`, "ms", noopTime));
    for (const latency of latencies) {
      const time = sizes.map((sessions) => ({ sessions, value: at("provider", latency, operation, sessions)?.wallMs ?? NaN }));
      const excess = time.map(({ sessions, value }) => ({
        sessions,
        value: value - (at("noop", null, operation, sessions)?.wallMs ?? NaN),
      }));
      found.push(growth(`provider minus no-op ${operation} time @${latency} ms`, "ms", excess));
    }
    const latency = latencies[0];
    // Where the time goes, by process: the CPU the provider process and the engine each add.
    if (operation !== "preview") {
      for (const role of ["provider", "cli"] as const) {
        const cpu = (variant: VariantName, sessions: number) =>
          (at(variant, variant === "noop" ? null : latency, operation, sessions)?.cpuSecondsByRole?.[role] ?? NaN) * 1000;
        const excess = sizes.map((sessions) => ({ sessions, value: cpu("provider", sessions) - cpu("noop", sessions) }));
        found.push(
          growth(
            `provider minus no-op ${operation} CPU of the ${role === "cli" ? "engine (CLI)" : "provider process"} @${latency} ms`,
            "ms",
            excess,
          ),
        );
      }
    }
    const memory = (variant: VariantName, sessions: number) =>
      (at(variant, variant === "noop" ? null : latency, operation, sessions)?.peakRssBytes ?? NaN) / 1024;
    found.push(
      growth(
        `no-op ${operation} peak memory`,
        "KiB",
        sizes.map((sessions) => ({ sessions, value: memory("noop", sessions) })),
      ),
    );
    const excess = sizes.map((sessions) => ({ sessions, value: memory("provider", sessions) - memory("noop", sessions) }));
    found.push(growth(`provider minus no-op ${operation} peak memory @${latency} ms`, "KiB", excess));
  }
  for (const variant of ["provider", "noop"] as const) {
    const points = states
      .filter((state) => state.variant === variant)
      .map((state) => ({ sessions: state.sessions, value: state.exportBytes }));
    found.push(growth(`${variant === "noop" ? "no-op" : variant} exported state`, "bytes", points));
  }
  return found.filter((entry): entry is Growth => entry !== undefined);
}
