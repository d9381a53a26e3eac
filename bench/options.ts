import { join, resolve } from "node:path";
import { REPO } from "../engine/pulumi-cli";
import type { ConfigTransport } from "./bench-stack";
import { COMPARED_OPERATIONS, HEADLINE_OPERATIONS, OPERATIONS, type Operation } from "./measure/request-minimum";

/** Options that take no value. */
const SWITCHES = ["full", "quick", "all-large", "skip-checkpoints"];

/** From this many Sessions on, a size counts as large: fewer runs and operations by default. */
const LARGE = 1000;

/** What `npm run bench` measures and where it writes. */
export interface BenchOptions {
  /** The full matrix (`--full`) rather than the headline run. */
  full: boolean;
  /** Session counts, ascending. */
  sizes: number[];
  /** Emulator latencies in milliseconds. */
  latencies: number[];
  /** Runs per Session count; medians are taken over them. */
  runs: (sessions: number) => number;
  /** Operations per Session count, in life-cycle order. */
  operations: (sessions: number) => readonly Operation[];
  /** /proc sampling interval for peak memory, in milliseconds. */
  sampleMs: number;
  /** How the Sessions reach the programs (`auto`: stack config where it fits). */
  transport: ConfigTransport | "auto";
  /**
   * Run the engine with `PULUMI_SKIP_CHECKPOINTS=true`: it then writes the state once at the end
   * instead of after every step, which shows how much of the engine's own cost is those writes.
   */
  skipCheckpoints: boolean;
  /** Write V8 CPU profiles of the Node.js processes the CLI starts into this folder. */
  cpuProfileDir?: string;
  /** The machine-readable results. */
  outFile: string;
}

/** Usage text for `--help`. */
export const USAGE = `npm run bench [-- options]

By default: 100 Sessions at 50 ms latency, 3 runs of up, an unchanged preview, refresh and a
token rotation, each against the no-op provider (a few minutes on 2 cores).

  --full                the full matrix (env BENCH_FULL=1): sizes 10,100,1000, latencies 0,50,
                        every operation (also a title change and destroy), growth and
                        repository scaling (about 40 minutes on 2 cores)
  --quick               with --full, skip 1,000 Sessions (sizes 10,100)
  --sizes 100           Session counts (env BENCH_SIZES)
  --latencies 50        emulator latency in ms (env BENCH_LATENCIES)
  --runs 3              runs per size below 1,000 (env BENCH_RUNS)
  --runs-large 1        runs per size of 1,000 and more (env BENCH_RUNS_LARGE)
  --all-large           with --full, at 1,000 and more also time the token rotation and title
                        change (by default only up, preview, refresh and destroy)
  --skip-checkpoints    run the engine with PULUMI_SKIP_CHECKPOINTS=true (state written once, at
                        the end, instead of after every step); not the default of any user
  --sample-ms 50        memory sampling interval (env BENCH_SAMPLE_MS)
  --transport auto      stack | file | auto: how Sessions reach the program (env BENCH_TRANSPORT)
  --cpu-prof DIR        write CPU profiles of the program and provider processes to DIR
  --out FILE            results JSON (default bench/results/latest.json); the report goes
                        beside it as .txt, the headline summary as .md`;

/**
 * A path given on the command line, relative to where `npm run` was typed (npm runs the bench
 * package's scripts in bench/, and says where it was called from in INIT_CWD).
 */
export function fromCaller(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.INIT_CWD ?? process.cwd(), path);
}

function numbers(text: string, name: string): number[] {
  const values = text.split(",").map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value < 0)) {
    throw new Error(`${name} must be a comma-separated list of whole numbers, got "${text}"`);
  }
  return values;
}

function positive(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${text}"`);
  return value;
}

/** Reads flags (which win) and `BENCH_*` environment variables. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | "help" {
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg.startsWith("--") && SWITCHES.includes(arg.slice(2))) {
      flags.set(arg.slice(2), "true");
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}"\n\n${USAGE}`);
    const value = match[2] ?? argv[++index];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    flags.set(match[1], value);
  }
  const known = [...SWITCHES, "sizes", "latencies", "runs", "runs-large", "sample-ms", "transport", "cpu-prof", "out"];
  const unknown = [...flags.keys()].filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`unknown option --${unknown[0]}\n\n${USAGE}`);

  const setting = (flag: string, variable: string) => flags.get(flag) ?? env[variable];
  const full = flags.has("full") || env.BENCH_FULL === "1";
  let sizes = numbers(setting("sizes", "BENCH_SIZES") ?? (full ? "10,100,1000" : "100"), "--sizes").sort((a, b) => a - b);
  if (flags.has("quick") || env.BENCH_QUICK === "1") sizes = sizes.filter((size) => size < LARGE);
  const latencies = numbers(setting("latencies", "BENCH_LATENCIES") ?? (full ? "0,50" : "50"), "--latencies");
  const runsSmall = positive(setting("runs", "BENCH_RUNS") ?? "3", "--runs");
  const runsLarge = positive(setting("runs-large", "BENCH_RUNS_LARGE") ?? "1", "--runs-large");
  const transport = setting("transport", "BENCH_TRANSPORT") ?? "auto";
  if (!["auto", "stack", "file"].includes(transport)) throw new Error(`--transport must be auto, stack or file, got "${transport}"`);
  const profile = flags.get("cpu-prof");
  return {
    full,
    sizes,
    latencies,
    runs: (sessions) => (sessions >= LARGE ? runsLarge : runsSmall),
    operations: (sessions) =>
      !full ? HEADLINE_OPERATIONS : sessions >= LARGE && !flags.has("all-large") ? COMPARED_OPERATIONS : OPERATIONS,
    sampleMs: positive(setting("sample-ms", "BENCH_SAMPLE_MS") ?? "50", "--sample-ms"),
    transport: transport as BenchOptions["transport"],
    skipCheckpoints: flags.has("skip-checkpoints"),
    cpuProfileDir: profile ? fromCaller(profile, env) : undefined,
    outFile: fromCaller(flags.get("out") ?? join(REPO, "bench", "results", "latest.json"), env),
  };
}
