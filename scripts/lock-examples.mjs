#!/usr/bin/env node
// `npm run lock:examples`: writes each example's package-lock.json. Every example installs
// pulumi-qoder from `pulumi-qoder-<version>.tgz` next to its package.json (until the package is
// published; examples/README.md says why), so this packs the package once, puts the tarball in each
// example, locks, and takes the tarball away again. The lock pins every other package with its
// registry integrity; the tarball's entry keeps no integrity, since the tarball a user packs from
// their own checkout is not byte for byte the one packed here (a lockfile naming a hash nobody else
// can reproduce would make `npm ci` fail for them). @pulumi/pulumi is locked at the version this
// repository tests with (its own devDependency, the pinned CLI's version); the range stays open.

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sdk = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).devDependencies["@pulumi/pulumi"];
const examples = path.join(root, "examples");
const packed = mkdtempSync(path.join(tmpdir(), "pulumi-qoder-lock-"));
try {
  execFileSync("npm", ["pack", "--pack-destination", packed], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const [tarball] = readdirSync(packed);
  for (const name of readdirSync(examples, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const dir = path.join(examples, name.name);
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    if (manifest.dependencies["pulumi-qoder"] !== `file:${tarball}`) {
      throw new Error(`${name.name}/package.json: pulumi-qoder must be "file:${tarball}"`);
    }
    copyFileSync(path.join(packed, tarball), path.join(dir, tarball));
    try {
      const install = [
        "install",
        "--package-lock-only",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "--omit-lockfile-registry-resolved",
        `@pulumi/pulumi@${sdk}`,
      ];
      execFileSync("npm", install, {
        cwd: dir,
        stdio: "inherit",
      });
    } finally {
      rmSync(path.join(dir, tarball));
    }
    const lockPath = path.join(dir, "package-lock.json");
    const lock = JSON.parse(readFileSync(lockPath, "utf8"));
    delete lock.packages["node_modules/pulumi-qoder"].integrity;
    writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
    console.log(`locked examples/${name.name}`);
  }
} finally {
  rmSync(packed, { recursive: true, force: true });
}
