import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** Parent pid and state of a process, from /proc; undefined when it no longer exists. */
function stat(pid: number): { ppid: number; state: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields follow its closing one.
    const [state, ppid] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(ppid), state };
  } catch {
    return undefined;
  }
}

/** `root` and every process descending from it, read from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    const info = Number.isInteger(pid) ? stat(pid) : undefined;
    if (info) children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]) ?? []));
  return tree;
}

/** True while `pid` runs (a zombie waiting to be reaped has stopped running). */
function running(pid: number): boolean {
  const info = stat(pid);
  return info !== undefined && info.state !== "Z" && info.state !== "X";
}

/**
 * Kills `root` and every process under it with SIGKILL, as a pipeline runner killing a job does,
 * and waits until none of them runs. The tree is read before the kill: once their parent is gone,
 * orphans are re-parented and can no longer be told apart. Returns the pids killed.
 */
export async function killTree(root: number, timeoutMs = 30_000): Promise<number[]> {
  const tree = processTree(root);
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  for (let waited = 0; tree.some(running); waited += 50) {
    if (waited > timeoutMs) throw new Error(`processes still running after SIGKILL: ${tree.filter(running).join(", ")}`);
    await sleep(50);
  }
  return tree;
}
