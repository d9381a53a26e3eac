import { spawn } from "node:child_process";
import type { RunningEmulator } from "../../emulator";
import type { EngineStack } from "../../engine/local-stack";
import { killTree } from "../../engine/process-tree";
import { pulumiCommand } from "../../engine/pulumi-cli";

/** Waits until `condition` holds, polling; fails naming `what` after a minute. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `pulumi up` as a pipeline would and kills it with SIGKILL, the CLI and every process it
 * started (language host, provider wrapper, provider), once `killWhen` holds. Then releases the
 * stack's lock as the pipeline's next run must (`pulumi cancel`). Returns the pids killed, every
 * one of them checked to run no more.
 */
export async function killedUp(engine: EngineStack, killWhen: () => boolean, what: string): Promise<number[]> {
  const command = await pulumiCommand();
  const child = spawn(command.command, ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", "test"], {
    cwd: engine.dir,
    env: { ...process.env, ...engine.envVars },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await until(killWhen, what);
  const killed = await killTree(child.pid as number);
  await exited;
  await engine.stack.cancel();
  return killed;
}

/** The ids of the Sessions the emulator holds that are not archived. */
export function liveSessionIds(emulator: RunningEmulator): string[] {
  return emulator
    .sessions()
    .filter((session) => !session.archived_at)
    .map((session) => session.id);
}
