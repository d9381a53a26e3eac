import type { OperationSummary } from "./aggregate";
import { HEADLINE_OPERATIONS, OPERATION_LABELS, OPERATIONS } from "./measure/request-minimum";
import { SCALING_STEPS } from "./repository-scaling";
import type { BenchResult } from "./results";
import { scalingFactors, superlinear } from "./targets";

const MB = 1024 * 1024;

/** A right-aligned cell; numbers that are not finite (NaN, or null once saved as JSON) print as n/a. */
function cell(value: number | string | null, width: number, digits = 2): string {
  const text = typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "n/a";
  return text.padStart(width);
}

function table(header: string[], rows: (string | number)[][], widths: number[], digits: number[] = []): string[] {
  const line = (cells: (string | number)[]) =>
    cells.map((value, index) => (index === 0 ? String(value).padEnd(widths[0]) : cell(value, widths[index], digits[index] ?? 2))).join(" ");
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}

/** "lowest-highest" of the per-run ratios, or n/a. */
function spread(ratios: readonly number[], separator = "-"): string {
  return ratios.length === 0 ? "n/a" : `${Math.min(...ratios).toFixed(2)}${separator}${Math.max(...ratios).toFixed(2)}`;
}

function operationBlock(result: BenchResult, sessions: number, latency: number): string[] {
  const find = (variant: "provider" | "noop", operation: string) =>
    result.summaries.find(
      (s) =>
        s.variant === variant && s.sessions === sessions && s.operation === operation && (variant === "noop" || s.latencyMs === latency),
    );
  const provider = find("provider", "up");
  if (!provider) return [];
  const transport = result.runs.find((run) => run.sessions === sessions && run.variant === "provider")?.transport;
  const background = result.runs
    .filter((run) => run.sessions === sessions && (run.variant === "noop" || run.latencyMs === latency))
    .flatMap((run) => run.operations.map((sample) => sample.usage.backgroundCpuSeconds));
  const rows = OPERATIONS.flatMap((operation) => {
    const a = find("provider", operation);
    const b = find("noop", operation);
    if (!a) return [];
    const comparison = result.comparisons.find((c) => c.sessions === sessions && c.latencyMs === latency && c.operation === operation);
    const requests = a.requestsPerRun.every((count) => count === a.minimumRequests) && a.failedRequests === 0 ? "=" : "≠";
    return [
      [
        OPERATION_LABELS[operation],
        a.wallMs / 1000,
        b ? b.wallMs / 1000 : NaN,
        comparison?.timeRatio ?? NaN,
        comparison?.pairedTimeRatio ?? NaN,
        spread(comparison?.pairedRatios ?? []),
        comparison?.latencyFloorRatio ?? NaN,
        a.peakRssBytes / MB,
        b ? b.peakRssBytes / MB : NaN,
        comparison?.memoryRatio ?? NaN,
        `${a.requests}`,
        `${requests} ${a.minimumRequests}`,
        `${a.maxConnections}`,
      ],
    ];
  });
  const notes = [
    ...new Set(
      result.summaries
        .filter((s) => s.sessions === sessions && (s.variant === "noop" || s.latencyMs === latency))
        .flatMap((s: OperationSummary) => s.problems.map((p) => `${s.variant} ${s.operation}: ${p}`)),
    ),
  ];
  return [
    `N=${sessions} Sessions × 3 repositories · emulator latency ${latency} ms · ${provider.runs} run(s), medians · Sessions via ${transport === "file" ? "a file (too large for stack config)" : "stack config"} · other load on the machine: ${Math.max(0, ...background).toFixed(1)} CPU-s at most per operation`,
    ...table(
      [
        "operation",
        "time s",
        "no-op s",
        "ratio",
        "paired",
        "min-max",
        "floor",
        "peak MB",
        "no-op MB",
        "ratio",
        "requests",
        "= min",
        "conns",
      ],
      rows,
      [26, 8, 8, 6, 6, 9, 6, 8, 8, 6, 8, 8, 5],
      [0, 2, 2, 2, 2, 0, 2, 0, 0, 2],
    ),
    ...notes.map((note) => `  ! ${note}`),
    "",
  ];
}

function stateBlock(result: BenchResult): string[] {
  const sizes = [...new Set(result.states.map((state) => state.sessions))].sort((a, b) => a - b);
  if (sizes.length === 0) return [];
  const of = (variant: "provider" | "noop", sessions: number) =>
    result.states.find((state) => state.variant === variant && state.sessions === sessions);
  const rows = sizes.map((sessions) => {
    const a = of("provider", sessions);
    const b = of("noop", sessions);
    return [
      `N=${sessions}`,
      a?.providerBytes ?? NaN,
      b?.providerBytes ?? NaN,
      a?.bytesPerResource ?? NaN,
      b?.bytesPerResource ?? NaN,
      a ? a.exportBytes / sessions : NaN,
      b ? b.exportBytes / sessions : NaN,
      a ? a.checkpointBytes / 1024 : NaN,
    ];
  });
  return [
    "State after up (`pulumi stack export`, secrets encrypted), bytes",
    ...table(
      ["", "__provider", "no-op", "resource", "no-op", "export/N", "no-op", "file KiB"],
      rows,
      [8, 10, 7, 9, 7, 9, 7, 9],
      [0, 0, 0, 0, 0, 0, 0, 0],
    ),
    "  __provider: serialized provider per resource (stored twice: inputs and outputs); resource: one Session's entry;",
    "  export/N: whole export per Session; file: the checkpoint the local backend rewrites after every step",
    "",
  ];
}

function growthBlock(result: BenchResult): string[] {
  if (result.growth.length === 0) return [];
  const sizes = result.growth[0].points.map((point) => point.sessions);
  const intervals = sizes.slice(1).map((size, index) => `${sizes[index]}→${size}`);
  const rows = result.growth.map((entry) => [
    entry.subject,
    ...entry.marginal.map((value) => cell(value, 0, entry.unit === "ms" ? 1 : 0)),
    entry.unit,
    entry.growth,
    superlinear(entry) ? "superlinear" : "",
  ]);
  return [
    "Growth: added cost per added Session between sizes, and the last interval over the first (1 = linear)",
    ...table(["", ...intervals, "unit", "×", ""], rows, [52, ...intervals.map(() => 10), 5, 6, 11]),
    "",
  ];
}

function scalingBlock(result: BenchResult): string[] {
  const points = result.repositoryScaling;
  if (!points || points.length === 0) return [];
  const factors = scalingFactors(points);
  const rows = SCALING_STEPS.map((step) => [step, ...points.map((point) => point.microsPerRepository[step]), factors[step]]);
  return [
    "One Session's own work by repositories in it (in process, no engine, no HTTP): µs per repository, and the last over the first (1 = linear)",
    ...table(
      ["", ...points.map((point) => `r=${point.repositories}`), "×"],
      rows,
      [18, ...points.map(() => 9), 6],
      [0, ...points.map(() => 2), 2],
    ),
    "",
  ];
}

function targetBlock(result: BenchResult): string[] {
  return [
    "Targets",
    ...result.targets.map(
      (target) => `  [${target.met === null ? "n/a" : target.met ? "met" : "MISSED"}] ${target.target}: ${target.detail}`,
    ),
  ];
}

/** The human-readable report of a benchmark result. */
export function formatReport(result: BenchResult): string {
  const { host, settings } = result;
  const header = [
    `pulumi-qoder benchmark · ${result.generatedAt} · ${host.cpus} CPU(s) ${host.cpuModel} · Node ${host.node} · Pulumi CLI ${host.pulumi}`,
    `source: commit ${result.source.commit}${result.source.providerModified ? " with uncommitted changes in provider/" : ""}`,
    `(a) the root program with the Session provider against the emulator; (b) the no-op provider, same program shape, no HTTP`,
    ...(settings.skipCheckpoints
      ? ["! the engine ran with PULUMI_SKIP_CHECKPOINTS=true: state written once per operation, not after every step"]
      : []),
    `time: wall time of the Automation API call; peak memory: ${settings.memoryMethod}`,
    `ratio: (a)/(b) of the medians; paired: the median of each run's own (a)/(b), the two measured one after the other; min-max: the lowest and highest of those per-run ratios; floor: the ratio a provider costing nothing would reach, the no-op time plus one API latency per ${settings.engineParallelism ?? "?"} Sessions (the engine's default --parallel) per round trip`,
    `requests: median per operation, "=" when every run sent exactly the minimum; conns: most TCP connections in one run`,
    "",
  ];
  const builds = [...new Set(result.runs.flatMap((run) => [run.providerBuild.start, run.providerBuild.end]))];
  if (builds.length > 1)
    header.push(`! the provider code changed while the benchmark ran (builds ${builds.join(", ")}); figures mix versions`, "");
  else if (builds.length === 1)
    header.splice(header.length - 1, 0, `provider build (hash of the installed pulumi-qoder code): ${builds[0]}`);
  const blocks = settings.sizes.flatMap((sessions) => settings.latencies.flatMap((latency) => operationBlock(result, sessions, latency)));
  return [...header, ...blocks, ...stateBlock(result), ...growthBlock(result), ...scalingBlock(result), ...targetBlock(result)].join("\n");
}

/** How each headline operation is named in the summary. */
const HEADLINE_LABELS: Record<string, string> = {
  up: "`up` (create every Session)",
  preview: "unchanged `preview`",
  refresh: "`refresh`",
  rotate: "token rotation (`up`)",
};

/**
 * The headline in Markdown: for each size and latency measured, the provider against the no-op
 * provider in up, an unchanged preview, refresh and a token rotation, with the spread over runs;
 * then the whole text report.
 */
export function formatSummary(result: BenchResult): string {
  const { host, settings } = result;
  const tables = settings.sizes.flatMap((sessions) =>
    settings.latencies.flatMap((latency) => {
      const rows = HEADLINE_OPERATIONS.flatMap((operation) => {
        const c = result.comparisons.find((x) => x.sessions === sessions && x.latencyMs === latency && x.operation === operation);
        const of = (variant: "provider" | "noop") =>
          result.summaries.find(
            (s) =>
              s.variant === variant &&
              s.sessions === sessions &&
              s.operation === operation &&
              (variant === "noop" || s.latencyMs === latency),
          );
        const [a, b] = [of("provider"), of("noop")];
        if (!c || !a || !b) return [];
        const floor = c.latencyFloorRatio && c.latencyFloorRatio > 1.005 ? `${c.latencyFloorRatio.toFixed(2)}x` : "–";
        const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
        return [
          `| ${HEADLINE_LABELS[operation]} | ${seconds(a.wallMs)} | ${seconds(b.wallMs)} | **${c.pairedTimeRatio.toFixed(2)}x** | ${spread(c.pairedRatios, "–")}x | ${floor} |`,
        ];
      });
      if (rows.length === 0) return [];
      const runs = result.comparisons.find((x) => x.sessions === sessions && x.latencyMs === latency)?.pairedRatios.length ?? 0;
      const background = result.runs
        .filter((run) => run.sessions === sessions && (run.variant === "noop" || run.latencyMs === latency))
        .flatMap((run) => run.operations.map((sample) => sample.usage.backgroundCpuSeconds));
      return [
        `${sessions} Sessions × 3 repositories, ${latency} ms API latency, ${runs} run(s):`,
        "",
        "| operation | this provider | no-op provider | ratio | min–max over runs | floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        ...rows,
        "",
        `Other work on the machine used up to ${Math.max(0, ...background).toFixed(1)} CPU-seconds during one operation; the more, the noisier the figures.`,
        "",
      ];
    }),
  );
  return [
    "# Benchmark summary",
    "",
    `\`npm run bench${settings.full ? " -- --full" : ""}\`, ${result.generatedAt.slice(0, 10)}, commit ${result.source.commit}${result.source.providerModified ? " (provider/ modified)" : ""}: ${host.cpus} CPU(s) ${host.cpuModel}, Node ${host.node}, Pulumi CLI ${host.pulumi}. ` +
      "Times are medians; the ratio is the median of each run's own provider/no-op ratio (both measured one after the other), " +
      "with the lowest and highest of those per-run ratios; the floor is the ratio a provider costing nothing would reach, " +
      `given the API's latency and the engine's default \`--parallel\` (${settings.engineParallelism ?? "?"}).`,
    "",
    ...tables,
    "The report of that run:",
    "",
    "```text",
    formatReport(result),
    "```",
    "",
  ].join("\n");
}
