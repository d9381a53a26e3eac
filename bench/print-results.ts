/**
 * Prints the report of a saved benchmark result again, re-deriving summaries, comparisons and
 * targets from its runs (e.g. while a long run is still going, or after the analysis changed):
 * `npm run print -w bench -- [FILE] [--update]`, by default bench/results/latest.json.
 * `--update` also writes the re-derived figures back into FILE, and the report and headline summary
 * beside it (.txt, .md); the measurements stay as they are.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../engine/pulumi-cli";
import { fromCaller } from "./options";
import { formatReport, formatSummary } from "./report";
import { analyseRuns, type BenchResult } from "./results";

const args = process.argv.slice(2);
const file = fromCaller(args.find((arg) => !arg.startsWith("--")) ?? join(REPO, "bench", "results", "latest.json"));
const saved = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
const result: BenchResult = { ...saved, ...analyseRuns(saved.runs, saved.settings.engineParallelism, saved.repositoryScaling) };
console.log(formatReport(result));
if (!result.complete) console.log("\n(partial: the benchmark was still running when this was written)");
if (args.includes("--update")) {
  const base = file.replace(/\.json$/, "");
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.txt`, `${formatReport(result)}\n`);
  writeFileSync(`${base}.md`, formatSummary(result));
}
