/** The operations a benchmark run performs, in order. */
export const OPERATIONS = ["up", "preview", "refresh", "rotate", "retitle", "destroy"] as const;

/** One benchmark operation. */
export type Operation = (typeof OPERATIONS)[number];

/** The operations that are compared with the no-op provider. */
export const COMPARED_OPERATIONS: readonly Operation[] = ["up", "preview", "refresh", "destroy"];

/** The operations of the default run, whose ratios the README quotes. */
export const HEADLINE_OPERATIONS: readonly Operation[] = ["up", "preview", "refresh", "rotate"];

/** What each operation is, for the report. */
export const OPERATION_LABELS: Record<Operation, string> = {
  up: "up (create every Session)",
  preview: "preview (nothing changed)",
  refresh: "refresh",
  rotate: "up (rotate a token)",
  retitle: "up (change every title)",
  destroy: "destroy",
};

/** The shape of the benchmark's Sessions that the minimum depends on. */
export interface RequestShape {
  sessions: number;
  rotatedTokensPerSession: number;
}

/**
 * The fewest requests the operation needs against the API: create 1 per Session; check and diff
 * 0; read 1 (the Session carries its resources); one rotation per changed token; one update for
 * title and metadata; delete (archive) 1.
 */
export function minimumRequests(operation: Operation, shape: RequestShape): number {
  const perSession: Record<Operation, number> = {
    up: 1,
    preview: 0,
    refresh: 1,
    rotate: shape.rotatedTokensPerSession,
    retitle: 1,
    destroy: 1,
  };
  return perSession[operation] * shape.sessions;
}

/**
 * API round trips each Session waits for, one after the other, in the operation: a Session's
 * read is one request, and its rotations are sent concurrently, so each counts once.
 */
const ROUND_TRIPS_PER_SESSION: Record<Operation, number> = { up: 1, preview: 0, refresh: 1, rotate: 1, retitle: 1, destroy: 1 };

/**
 * The ratio to the no-op provider that a provider costing nothing itself would reach: the engine
 * keeps at most `parallelism` operations in flight, so each round trip of latency is paid
 * ceil(N / parallelism) times on top of the no-op time.
 */
export function latencyFloorRatio(
  operation: Operation,
  sessions: number,
  latencyMs: number,
  parallelism: number,
  noopWallMs: number,
): number {
  const waited = ROUND_TRIPS_PER_SESSION[operation] * Math.ceil(sessions / parallelism) * latencyMs;
  return (noopWallMs + waited) / noopWallMs;
}
