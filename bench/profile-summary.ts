/**
 * Summarises V8 CPU profiles written by `npm run bench -- --cpu-prof DIR`:
 * `npm run profile -w bench -- DIR [--top 15]`. For each profile it names the process (the
 * dynamic provider or the Pulumi program), and lists where CPU time went by package and by
 * function, self and inclusive.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fromCaller } from "./options";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Time per key, in milliseconds, largest first. */
type Ranking = [string, number][];

/** Where one profile's CPU time went. */
export interface ProfileSummary {
  file: string;
  process: "provider" | "program" | "other";
  totalMs: number;
  selfByPackage: Ranking;
  selfByFunction: Ranking;
  /** Inclusive time of functions in this repository's compiled code (dist/, the benchmark's own excepted). */
  inclusiveOwnCode: Ranking;
}

/** The package (or area) a script belongs to. */
function packageOf(url: string): string {
  if (!url) return "(native / idle / gc)";
  if (url.startsWith("node:")) return "node:internal";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = /\/dist\/([^/]+)\//.exec(url);
  if (dist) return `dist/${dist[1]}`;
  return url.replace(/^file:\/\//, "");
}

function frameName(frame: CallFrame): string {
  const file = frame.url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "");
  return `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
}

function ranking(times: Map<string, number>, top: number): Ranking {
  return [...times.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => [key, Math.round(us / 100) / 10]);
}

/** Summarises one `.cpuprofile`. */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const urls = profile.nodes.map((node) => node.callFrame.url).join("\n");
  const kind = urls.includes("dynamic-provider") ? "provider" : /cmd[/\\]run[/\\]/.test(urls) ? "program" : "other";

  const selfPackage = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index + 1] ?? 0; // a sample's delta is the time until the next one
    const node = byId.get(id)!;
    const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + us);
    add(selfPackage, packageOf(node.callFrame.url));
    add(selfFunction, frameName(node.callFrame));
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!/\/dist\//.test(frame.url) || /\/bench\/dist\//.test(frame.url)) continue;
      const name = frameName(frame);
      if (!seen.has(name)) {
        seen.add(name);
        add(inclusive, name);
      }
    }
  });
  return {
    file,
    process: kind,
    totalMs: Math.round((profile.endTime - profile.startTime) / 1000),
    selfByPackage: ranking(selfPackage, top),
    selfByFunction: ranking(selfFunction, top),
    inclusiveOwnCode: ranking(inclusive, top),
  };
}

function profilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return profilesUnder(path);
    return name.endsWith(".cpuprofile") ? [path] : [];
  });
}

function main(argv: string[]): void {
  const dir = argv[0] && fromCaller(argv[0]);
  if (!dir) throw new Error("usage: npm run profile -w bench -- DIR [--top N]");
  const topAt = argv.indexOf("--top");
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 15;
  for (const file of profilesUnder(dir).sort()) {
    const summary = summariseProfile(file, top);
    if (summary.process === "other" && summary.totalMs < 1000) continue; // `node -e` helpers of the plugin launcher
    console.log(`\n## ${relative(dir, file)}  (${summary.process}, ${summary.totalMs} ms)`);
    for (const [title, rows] of [
      ["self time by package", summary.selfByPackage],
      ["self time by function", summary.selfByFunction],
      ["inclusive time in dist/ code", summary.inclusiveOwnCode],
    ] as const) {
      console.log(`  ${title}:`);
      for (const [key, ms] of rows) console.log(`    ${String(ms).padStart(9)} ms  ${key}`);
    }
  }
}

if (require.main === module) main(process.argv.slice(2));
