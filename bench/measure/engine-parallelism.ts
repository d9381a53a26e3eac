import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pulumiRoot } from "../../engine/pulumi-cli";

/**
 * How many resource operations the engine runs at once by default (`--parallel`), as the pinned
 * CLI's own help states it (it scales with the CPU count); undefined when the help does not say.
 */
export function engineParallelism(): number | undefined {
  const help = execFileSync(join(pulumiRoot(), "bin", "pulumi"), ["up", "--help"], { encoding: "utf8" });
  const match = /--parallel\b.*\(default (\d+)\)/.exec(help);
  return match ? Number(match[1]) : undefined;
}
