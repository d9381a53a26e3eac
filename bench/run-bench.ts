/**
 * `npm run bench`: the Session provider (the root program) against a no-op dynamic provider of the
 * same input shape, on the same engine and local backend, for each Session count and emulator
 * latency (by default 100 Sessions at 50 ms; `--full` for the whole matrix). Prints the report and
 * writes bench/results/latest.json, .txt and .md (the headline). Asserts nothing about time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { engineParallelism } from "./measure/engine-parallelism";
import { type BenchOptions, parseOptions, USAGE } from "./options";
import { formatReport, formatSummary } from "./report";
import { measureRepositoryScaling } from "./repository-scaling";
import { buildResult } from "./results";
import { type LifecycleRun, runLifecycle } from "./scenario";
import { VARIANTS } from "./variants";

function progress(run: LifecycleRun): string {
  const steps = run.operations.map((sample) => `${sample.operation} ${(sample.wallMs / 1000).toFixed(1)}s${sample.error ? " FAILED" : ""}`);
  const where = run.variant === "noop" ? "no-op   " : `provider @${run.latencyMs}ms`;
  return `[bench] N=${run.sessions} run ${run.run} ${where}: ${steps.join(", ")}`;
}

async function benchmark(options: BenchOptions): Promise<void> {
  const runs: LifecycleRun[] = [];
  const parallelism = engineParallelism();
  const scaling = options.full ? await measureRepositoryScaling() : undefined;
  const save = (complete: boolean) => {
    const result = buildResult(options, runs, complete, parallelism, scaling);
    mkdirSync(dirname(options.outFile), { recursive: true });
    writeFileSync(options.outFile, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  };
  for (const sessions of options.sizes) {
    for (let run = 1; run <= options.runs(sessions); run++) {
      // Interleaved, so drift in the machine's load spreads over both providers alike, and in the
      // opposite order every other run, so neither provider always goes first.
      const noop = { variant: VARIANTS.noop, latency: 0 };
      const providers = options.latencies.map((latency) => ({ variant: VARIANTS.provider, latency }));
      const plan = run % 2 === 1 ? [noop, ...providers] : [...providers, noop];
      for (const { variant, latency } of plan) {
        const result = await runLifecycle(variant, sessions, latency, run, {
          sampleMs: options.sampleMs,
          transport: options.transport,
          cpuProfileDir: options.cpuProfileDir,
          operations: options.operations(sessions),
          skipCheckpoints: options.skipCheckpoints,
          measureState: run === 1 && (variant.name === "noop" || latency === options.latencies[0]),
        });
        runs.push(result);
        console.error(progress(result));
        save(false);
      }
    }
  }
  const result = save(true);
  const report = formatReport(result);
  const base = options.outFile.replace(/\.json$/, "");
  writeFileSync(`${base}.txt`, `${report}\n`);
  writeFileSync(`${base}.md`, formatSummary(result));
  console.log(report);
  console.log(`\nresults: ${options.outFile} (report: ${base}.txt, headline: ${base}.md)`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  await benchmark(options);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
