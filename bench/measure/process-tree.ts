import { readdirSync, readFileSync } from "node:fs";

/** What a process in the engine's tree does, recognised from its command line. */
export const PROCESS_ROLES = ["cli", "language-host", "program", "provider", "other"] as const;

/** What a process of the tree is: the engine (`cli`), the language host, the program, the dynamic provider. */
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** One live process as /proc shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot: with the pid, identifies the process across samples. */
  startTicks: number;
  /** User plus system CPU time so far, in clock ticks. */
  cpuTicks: number;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
export const TICKS_PER_SECOND = 100;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // the process exited between listing and reading
  }
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so fields start after the last `)`. */
function readStat(pid: number): ProcessInfo | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return undefined;
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22.
  return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), startTicks: Number(fields[19]) };
}

/** Every descendant of `root` (not `root` itself) alive now. */
export function descendants(root: number): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readStat(Number(entry));
    if (!info) continue;
    const siblings = children.get(info.ppid);
    if (siblings) siblings.push(info);
    else children.set(info.ppid, [info]);
  }
  const found: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Resident set size in bytes (from /proc/<pid>/statm), or undefined once the process is gone. */
export function residentBytes(pid: number, pageSize: number): number | undefined {
  const text = readText(`/proc/${pid}/statm`);
  return text ? Number(text.split(" ")[1]) * pageSize : undefined;
}

/** The role of a process, from its command line; undefined once it has exited (a zombie has none). */
export function processRole(pid: number): ProcessRole | undefined {
  const text = readText(`/proc/${pid}/cmdline`);
  if (!text) return undefined;
  const argv = text.split("\0");
  const joined = argv.join(" ");
  if (joined.includes("dynamic-provider")) return "provider";
  if (joined.includes("pulumi-language-nodejs")) return "language-host";
  if (/@pulumi[/\\]pulumi[/\\]cmd[/\\]run/.test(joined)) return "program";
  if (/(^|\/)pulumi$/.test(argv[0] ?? "")) return "cli";
  return "other";
}

/** The memory page size, from /proc/self (resident kB in status against resident pages in statm). */
export function pageSize(): number {
  const status = readText("/proc/self/status") ?? "";
  const statm = readText("/proc/self/statm") ?? "";
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  const pages = Number(statm.split(" ")[1]);
  const size = (kb * 1024) / pages;
  // Both reads are a moment apart; round to the power of two they approximate.
  return Number.isFinite(size) && size > 0 ? 2 ** Math.round(Math.log2(size)) : 4096;
}

/** CPU ticks the whole machine has spent busy (not idle or waiting for I/O) since boot, from /proc/stat. */
export function machineBusyTicks(): number {
  const line = (readText("/proc/stat") ?? "").split("\n")[0] ?? "";
  const [, ...values] = line.trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return ticks.reduce((sum, value) => sum + (Number.isFinite(value) ? value : 0), 0) - idle;
}
