import { descendants, machineBusyTicks, type ProcessRole, pageSize, processRole, residentBytes, TICKS_PER_SECOND } from "./process-tree";

/** Peak memory and CPU of the process tree below this process during one operation. */
export interface TreeUsage {
  /** Largest sum of resident memory of all descendants at one sample, in bytes. */
  peakRssBytes: number;
  /** Largest resident memory seen for each role (summed over its processes at one sample). */
  peakRssByRole: Partial<Record<ProcessRole, number>>;
  /** CPU seconds (user + system) used by each role, as of the last sample each process was seen in. */
  cpuSecondsByRole: Partial<Record<ProcessRole, number>>;
  /**
   * CPU seconds the rest of the machine used meanwhile (all busy time, less the tree's and this
   * process's): other work competing for the same cores.
   */
  backgroundCpuSeconds: number;
  samples: number;
}

/** How peak memory is measured, as the report states it. */
export function memoryMethod(intervalMs: number): string {
  return `sum of RSS (/proc/<pid>/statm) over every descendant process of the benchmark (CLI, language host, program, provider), sampled every ${intervalMs} ms; the peak of that sum`;
}

/**
 * Samples /proc every `intervalMs` for the processes below `root` (the CLI the Automation API
 * starts and everything it starts), keeping the peak of their summed resident memory.
 */
export class TreeSampler {
  private readonly page = pageSize();
  private readonly cpuTicks = new Map<string, { role: ProcessRole; ticks: number }>();
  private timer?: NodeJS.Timeout;
  private started = { busyTicks: 0, self: process.cpuUsage() };
  private usage: TreeUsage = { peakRssBytes: 0, peakRssByRole: {}, cpuSecondsByRole: {}, backgroundCpuSeconds: 0, samples: 0 };

  constructor(
    private readonly intervalMs: number,
    private readonly root = process.pid,
  ) {}

  /** Starts sampling (and takes a first sample now). */
  start(): void {
    this.usage = { peakRssBytes: 0, peakRssByRole: {}, cpuSecondsByRole: {}, backgroundCpuSeconds: 0, samples: 0 };
    this.cpuTicks.clear();
    this.started = { busyTicks: machineBusyTicks(), self: process.cpuUsage() };
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Takes a last sample, stops, and returns what was seen. */
  stop(): TreeUsage {
    this.sample();
    clearInterval(this.timer);
    const cpu: Partial<Record<ProcessRole, number>> = {};
    let treeSeconds = 0;
    for (const { role, ticks } of this.cpuTicks.values()) {
      cpu[role] = (cpu[role] ?? 0) + ticks / TICKS_PER_SECOND;
      treeSeconds += ticks / TICKS_PER_SECOND;
    }
    const self = process.cpuUsage(this.started.self);
    const busySeconds = (machineBusyTicks() - this.started.busyTicks) / TICKS_PER_SECOND;
    const background = busySeconds - treeSeconds - (self.user + self.system) / 1e6;
    return { ...this.usage, cpuSecondsByRole: cpu, backgroundCpuSeconds: Math.max(0, Math.round(background * 100) / 100) };
  }

  private sample(): void {
    let total = 0;
    const byRole: Partial<Record<ProcessRole, number>> = {};
    for (const info of descendants(this.root)) {
      const key = `${info.pid}@${info.startTicks}`;
      // Read every time: a process seen between fork and exec still shows its parent's command line.
      const role = processRole(info.pid) ?? this.cpuTicks.get(key)?.role ?? "other";
      const rss = residentBytes(info.pid, this.page);
      if (rss === undefined) continue;
      total += rss;
      byRole[role] = (byRole[role] ?? 0) + rss;
      this.cpuTicks.set(key, { role, ticks: info.cpuTicks });
    }
    this.usage.samples++;
    this.usage.peakRssBytes = Math.max(this.usage.peakRssBytes, total);
    for (const [role, bytes] of Object.entries(byRole) as [ProcessRole, number][]) {
      this.usage.peakRssByRole[role] = Math.max(this.usage.peakRssByRole[role] ?? 0, bytes);
    }
  }
}
