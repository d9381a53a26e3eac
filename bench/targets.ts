import type { OperationSummary } from "./aggregate";
import type { Comparison, Growth, StateSummary } from "./analysis";
import { SCALING_STEPS, type ScalingPoint } from "./repository-scaling";

/** One target of the issue, and whether this run met it (null: not measured in this run). */
export interface TargetResult {
  target: string;
  met: boolean | null;
  detail: string;
}

/** `__provider` must stay under this many bytes per resource. */
const PROVIDER_BYTES_LIMIT = 3 * 1024;
/** Connections one provider process may open: the client's pool size. */
const POOL_CONNECTIONS = 16;
/**
 * A cost counts as growing faster than linearly when the cost of one more Session between the two
 * largest sizes exceeds that between the two smallest by more than this factor…
 */
const GROWTH_LIMIT = 1.5;
/** …and by more than this much per Session (below it, the difference is noise). */
const GROWTH_FLOOR: Record<string, number> = { ms: 2, KiB: 16, bytes: 64 };

/** True when the growth is more than linear by the rule above. */
export function superlinear(entry: Growth): boolean {
  const first = entry.marginal[0];
  const last = entry.marginal[entry.marginal.length - 1];
  return last - first > (GROWTH_FLOOR[entry.unit] ?? 0) && last > GROWTH_LIMIT * Math.abs(first);
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

function requestsTarget(summaries: OperationSummary[]): TargetResult {
  const provider = summaries.filter((summary) => summary.variant === "provider");
  const off = provider.filter(
    (summary) => summary.failedRequests > 0 || summary.requestsPerRun.some((count) => count !== summary.minimumRequests),
  );
  return {
    target: "requests per operation exactly the minimum",
    met: provider.length === 0 ? null : off.length === 0,
    detail:
      off.length === 0
        ? `${provider.length} operation summaries, every run at the minimum`
        : off
            .map(
              (s) =>
                `${s.operation} N=${s.sessions} @${s.latencyMs} ms: ${s.requestsPerRun.join("/")} vs ${s.minimumRequests}${s.failedRequests ? `, ${s.failedRequests} failed` : ""}`,
            )
            .join("; "),
  };
}

function ratioTarget(comparisons: Comparison[], operation: "up" | "preview", limit: number): TargetResult {
  const found = comparisons.find((c) => c.sessions === 100 && c.latencyMs === 50 && c.operation === operation);
  const floor =
    found?.latencyFloorRatio && found.latencyFloorRatio > 1
      ? `; the API's latency alone, under the engine's parallelism, sets a floor of ${fixed(found.latencyFloorRatio)}x`
      : "";
  return {
    target: `${operation === "up" ? "up" : "unchanged preview"} of 100 Sessions at 50 ms within ${limit.toFixed(2)}x of the no-op provider (paired ratio)`,
    met: found ? found.pairedTimeRatio <= limit : null,
    detail: found
      ? `paired ${fixed(found.pairedTimeRatio, 3)}x, ratio of the medians ${fixed(found.timeRatio, 3)}x${floor}`
      : "not measured (needs N=100 and latency 50)",
  };
}

/** "subject (a → b unit per Session)": the first and last marginal cost. */
function describe(entry: Growth): string {
  const digits = entry.unit === "ms" ? 1 : 0;
  return `${entry.subject} (${fixed(entry.marginal[0], digits)} → ${fixed(entry.marginal[entry.marginal.length - 1], digits)} ${entry.unit} per Session)`;
}

function growthTarget(growth: Growth[]): TargetResult {
  const inEngine = (entry: Growth) => entry.subject.includes("engine (CLI)");
  const relevant = growth.filter(
    (entry) => (entry.subject.startsWith("provider minus") && !inEngine(entry)) || entry.subject === "provider exported state",
  );
  const fast = relevant.filter(superlinear);
  const engineExcess = growth.filter((entry) => inEngine(entry) && superlinear(entry));
  const providerCpu = growth.filter((entry) => entry.subject.includes("CPU of the provider process"));
  const engine = growth.filter((entry) => entry.subject.startsWith("no-op") && superlinear(entry));
  return {
    target: "cost grows linearly from 10 to 1,000 Sessions (what the provider adds, its memory, its state)",
    met: relevant.length === 0 ? null : fast.length === 0,
    detail:
      (fast.length === 0 ? "no superlinear term in what the provider adds" : `superlinear: ${fast.map(describe).join("; ")}`) +
      (engineExcess.length > 0 ? `; of that, the engine's own CPU: ${engineExcess.map(describe).join("; ")}` : "") +
      (fast.length > 0 && providerCpu.length > 0 ? `; the provider process's CPU: ${providerCpu.map(describe).join("; ")}` : "") +
      (engine.length > 0 ? `; the engine itself (no-op) grows superlinearly in: ${engine.map(describe).join("; ")}` : ""),
  };
}

function providerSizeTarget(states: StateSummary[]): TargetResult {
  const provider = states.filter((state) => state.variant === "provider");
  const largest = Math.max(0, ...provider.map((state) => state.providerBytes));
  return {
    target: `__provider under ${PROVIDER_BYTES_LIMIT} bytes per resource`,
    met: provider.length === 0 ? null : largest < PROVIDER_BYTES_LIMIT,
    detail: `${largest} bytes`,
  };
}

function poolTarget(summaries: OperationSummary[]): TargetResult {
  const provider = summaries.flatMap((s) => (s.variant === "provider" && s.providerProcess ? [{ ...s, probe: s.providerProcess }] : []));
  const worst = {
    connections: Math.max(0, ...provider.map((s) => s.probe.connections)),
    processes: Math.max(0, ...provider.map((s) => s.probe.processes)),
    accepted: Math.max(0, ...provider.map((s) => s.maxConnections)),
  };
  const unmatched = provider.filter((s) => s.probe.requestsMatched < s.runs);
  const met = worst.connections <= POOL_CONNECTIONS && worst.processes <= 1 && worst.accepted <= POOL_CONNECTIONS && unmatched.length === 0;
  return {
    target: `one provider process per operation, opening at most ${POOL_CONNECTIONS} connections (one pool) and sending every request`,
    met: provider.length === 0 ? null : met,
    detail:
      `at most ${worst.processes} provider process(es) per operation, ${worst.connections} connection(s) opened by one (undici's diagnostics channels), ${worst.accepted} accepted by the emulator in one operation; ` +
      (unmatched.length === 0
        ? "the provider processes' requests matched the emulator's count in every run"
        : `requests counted in the provider processes differ from the emulator's in: ${unmatched.map((s) => `${s.operation} N=${s.sessions} @${s.latencyMs} ms`).join(", ")}`),
  };
}

/**
 * A step of one Session's work counts as linear in its repositories while its time per repository
 * at the largest count stays within this factor of that at the smallest (caches and timer
 * resolution move small figures; a quadratic step would be about 100x from 10 to 1,000).
 */
const SCALING_LIMIT = 2;

/** Time per repository at the largest count over that at the smallest, per step. */
export function scalingFactors(points: ScalingPoint[]): Record<string, number> {
  const first = points[0];
  const last = points[points.length - 1];
  return Object.fromEntries(SCALING_STEPS.map((step) => [step, last.microsPerRepository[step] / first.microsPerRepository[step]]));
}

function scalingTarget(points: ScalingPoint[] | undefined): TargetResult {
  const target = "a Session's own work (check, diff) grows linearly with its repositories";
  if (!points || points.length < 2) return { target, met: null, detail: "not measured" };
  const factors = scalingFactors(points);
  const worst = Math.max(...Object.values(factors));
  const range = `${points[0].repositories} → ${points[points.length - 1].repositories} repositories`;
  return {
    target,
    met: worst <= SCALING_LIMIT,
    detail: `time per repository, ${range}: ${Object.entries(factors)
      .map(([step, factor]) => `${step} ${fixed(factor)}x`)
      .join(", ")}`,
  };
}

/** Evaluates every target of the issue; nothing here fails the benchmark. */
export function evaluateTargets(
  summaries: OperationSummary[],
  comparisons: Comparison[],
  growth: Growth[],
  states: StateSummary[],
  scaling?: ScalingPoint[],
): TargetResult[] {
  return [
    requestsTarget(summaries),
    ratioTarget(comparisons, "up", 1.15),
    ratioTarget(comparisons, "preview", 1.1),
    growthTarget(growth),
    scalingTarget(scaling),
    providerSizeTarget(states),
    poolTarget(summaries),
  ];
}
