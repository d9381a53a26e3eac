import { homedir } from "node:os";
import { join } from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { SemVer } from "semver";

/** The repository root (this file sits one folder below it, in source and in dist alike). */
const REPO = findRepoRoot(__dirname);

/** The pinned Pulumi CLI version (the `pulumi` devDependency). */
export const PULUMI_VERSION: string = require(join(REPO, "node_modules", "pulumi", "package.json")).version;

/** Folder holding the pinned CLI, as `npm run setup:pulumi` installs it. */
export function pulumiRoot(): string {
  return join(process.env.PULUMI_HOME ?? join(homedir(), ".pulumi"), "versions", PULUMI_VERSION);
}

/** The pinned CLI through the Automation API, version check included. */
export function pulumiCommand(): Promise<PulumiCommand> {
  return PulumiCommand.get({ root: pulumiRoot(), version: new SemVer(PULUMI_VERSION) });
}

/** PATH for the engine: the repository's pinned Node first, then the pinned CLI's folder. */
export function enginePath(): string {
  return [join(REPO, "node_modules", ".bin"), join(pulumiRoot(), "bin"), process.env.PATH].join(":");
}

export { REPO };

function findRepoRoot(start: string): string {
  let dir = start;
  while (!require("node:fs").existsSync(join(dir, "Pulumi.yaml"))) {
    const parent = join(dir, "..");
    if (parent === dir) throw new Error(`no Pulumi.yaml above ${start}`);
    dir = parent;
  }
  return dir;
}
