import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/**
 * A short hash of the installed provider package's compiled code (every .js file in the folder of
 * its main module and below). The benchmark runs that code, so a rebuild while it runs would mix
 * two versions; the report names each fingerprint it saw.
 */
export function providerBuildFingerprint(root = dirname(require.resolve("pulumi-qoder"))): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) hash.update(relative(root, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  walk(root);
  return hash.digest("hex").slice(0, 12);
}
