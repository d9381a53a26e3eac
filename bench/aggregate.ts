import { ROTATED_TOKENS_PER_SESSION } from "./fleet";
import { PROCESS_ROLES, type ProcessRole } from "./measure/process-tree";
import { minimumRequests, type Operation } from "./measure/request-minimum";
import type { RequestKind } from "./measure/request-tally";
import type { LifecycleRun } from "./scenario";
import { median } from "./stats";
import type { VariantName } from "./variants";

/** The medians of one operation over the runs of one variant, size and latency. */
export interface OperationSummary {
  variant: VariantName;
  sessions: number;
  /** Emulator latency; null for the no-op provider, which sends no request. */
  latencyMs: number | null;
  operation: Operation;
  runs: number;
  wallMs: number;
  peakRssBytes: number;
  /** CPU seconds of the whole tree (CLI, language host, program, provider). */
  cpuSeconds: number;
  /** CPU seconds per process role: the engine (`cli`), the program, the provider process. */
  cpuSecondsByRole: Partial<Record<ProcessRole, number>>;
  requests: number;
  requestsByKind: Partial<Record<RequestKind, number>>;
  /** The fewest requests the operation needs (0 for the no-op provider). */
  minimumRequests: number;
  /** Requests of every run, to show they did not vary. */
  requestsPerRun: number[];
  failedRequests: number;
  /** Most TCP connections the emulator accepted in one run of the operation. */
  maxConnections: number;
  /**
   * From the probe in the provider processes, over all runs: the most connections one process
   * opened, the most provider processes one operation started, and the runs in which the provider
   * processes' requests added up to what the emulator received (undefined when none was seen).
   */
  providerProcess?: { connections: number; processes: number; requestsMatched: number };
  problems: string[];
}

function summarise(runs: LifecycleRun[], operation: Operation): OperationSummary {
  const first = runs[0];
  const samples = runs.flatMap((run) => run.operations.filter((sample) => sample.operation === operation));
  const pick = (value: (sample: (typeof samples)[number]) => number) => median(samples.map(value));
  const processes = samples.flatMap((sample) => sample.providerProcesses);
  const requestsPerRun = samples.map((sample) => sample.requests.total);
  return {
    variant: first.variant,
    sessions: first.sessions,
    latencyMs: first.variant === "noop" ? null : first.latencyMs,
    operation,
    runs: samples.length,
    wallMs: pick((sample) => sample.wallMs),
    peakRssBytes: pick((sample) => sample.usage.peakRssBytes),
    cpuSeconds: pick((sample) => Object.values(sample.usage.cpuSecondsByRole).reduce((sum, value) => sum + (value ?? 0), 0)),
    cpuSecondsByRole: Object.fromEntries(
      PROCESS_ROLES.map((role) => [role, pick((sample) => sample.usage.cpuSecondsByRole[role] ?? 0)]),
    ) as Partial<Record<ProcessRole, number>>,
    requests: median(requestsPerRun),
    requestsByKind: samples[0]?.requests.byKind ?? {},
    minimumRequests:
      first.variant === "noop"
        ? 0
        : minimumRequests(operation, {
            sessions: first.sessions,
            rotatedTokensPerSession: ROTATED_TOKENS_PER_SESSION,
          }),
    requestsPerRun,
    failedRequests: samples.reduce((sum, sample) => sum + sample.requests.failed, 0),
    maxConnections: Math.max(0, ...samples.map((sample) => sample.connections)),
    providerProcess:
      processes.length === 0
        ? undefined
        : {
            connections: Math.max(...processes.map((counts) => counts.connections)),
            processes: Math.max(...samples.map((sample) => sample.providerProcesses.length)),
            requestsMatched: samples.filter(
              (sample) => sample.providerProcesses.reduce((sum, counts) => sum + counts.requests, 0) === sample.requests.total,
            ).length,
          },
    problems: samples.flatMap((sample) => [sample.error, sample.unexpected].filter((text): text is string => !!text)),
  };
}

/** Groups lifecycle runs by variant, size and latency, and summarises each operation. */
export function summariseRuns(runs: LifecycleRun[]): OperationSummary[] {
  const groups = new Map<string, LifecycleRun[]>();
  for (const run of runs) {
    const key = `${run.variant}|${run.sessions}|${run.variant === "noop" ? "-" : run.latencyMs}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const operations = [...new Set(runs.flatMap((run) => run.operations.map((sample) => sample.operation)))];
  return [...groups.values()].flatMap((group) =>
    operations
      .filter((operation) => group.some((run) => run.operations.some((sample) => sample.operation === operation)))
      .map((operation) => summarise(group, operation)),
  );
}
