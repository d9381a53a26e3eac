/**
 * Prints the report of a saved benchmark result again, e.g. while a long run is still going:
 * `node dist/bench/print-results.js [bench/results/latest.json]`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../engine/pulumi-cli";
import { formatReport } from "./report";
import type { BenchResult } from "./results";

const file = process.argv[2] ?? join(REPO, "bench", "results", "latest.json");
const result = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
console.log(formatReport(result));
if (!result.complete) console.log("\n(partial: the benchmark was still running when this was written)");
