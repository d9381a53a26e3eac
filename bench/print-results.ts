/**
 * Prints the report of a saved benchmark result again (re-deriving summaries and targets from its
 * runs), e.g. while a long run is still going: `node dist/bench/print-results.js [FILE]`, by
 * default bench/results/latest.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../engine/pulumi-cli";
import { formatReport } from "./report";
import { analyseRuns, type BenchResult } from "./results";

const file = process.argv[2] ?? join(REPO, "bench", "results", "latest.json");
const saved = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
const result: BenchResult = { ...saved, ...analyseRuns(saved.runs, saved.settings.engineParallelism, saved.repositoryScaling) };
console.log(formatReport(result));
if (!result.complete) console.log("\n(partial: the benchmark was still running when this was written)");
