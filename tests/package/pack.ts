import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { pulumiRoot, REPO } from "../../engine/pulumi-cli";

const execFileAsync = promisify(execFile);

/**
 * Runs `npm pack` (its `prepack` script builds the package) and returns the tarball's path in
 * `destination`. It packs a copy of the checkout (the files git tracks or would track, so new
 * files count and ignored ones, dist/ included, do not) rather than the checkout itself: the
 * tarball is then built from scratch, as from a fresh clone, and the build cannot pull dist/ from
 * under other tests running at the same time. node_modules is linked, not copied.
 */
export async function packTarball(destination: string): Promise<string> {
  const staging = mkdtempSync(join(tmpdir(), "pulumi-qoder-checkout-"));
  try {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO, encoding: "utf8" });
    for (const file of listed.split("\0")) {
      if (!file || !existsSync(join(REPO, file))) continue; // deleted but not yet committed
      mkdirSync(dirname(join(staging, file)), { recursive: true });
      copyFileSync(join(REPO, file), join(staging, file));
    }
    symlinkSync(join(REPO, "node_modules"), join(staging, "node_modules"));
    mkdirSync(destination, { recursive: true });
    await execFileAsync("npm", ["pack", "--pack-destination", destination], { cwd: staging, env: userEnv() });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const tarballs = readdirSync(destination).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${destination}`);
  return join(destination, tarballs[0]);
}

/**
 * The environment of a user's shell: the pinned Node (the one running the tests) and the pinned
 * Pulumi CLI first, then the system PATH without anything from this repository (its node_modules/.bin
 * holds tsc, ts-node and a pulumi wrapper a user's project does not have).
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const system = (process.env.PATH ?? "").split(delimiter).filter((entry) => entry && !entry.startsWith(REPO));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // npm_* variables come from the `npm test` that started jest; a user's shell has none.
    if (!key.toLowerCase().startsWith("npm_") && key !== "INIT_CWD") env[key] = value;
  }
  return {
    ...env,
    PATH: [dirname(process.execPath), join(pulumiRoot(), "bin"), ...system].join(delimiter),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    ...extra,
  };
}
