#!/usr/bin/env node
// `npm run setup:pulumi`: make sure the Pulumi CLI that matches the pinned
// `pulumi` npm package is installed in $PULUMI_HOME/versions/<version>/bin
// (PULUMI_HOME defaults to ~/.pulumi). That is the folder the `pulumi` npm
// wrapper runs its binary from and the default root of the Automation API's
// PulumiCommand, so both find it without a PATH change. Three executables must be
// there:
//   pulumi                         the CLI and deployment engine
//   pulumi-language-nodejs         the language host that runs Node.js programs
//   pulumi-resource-pulumi-nodejs  the provider behind dynamic resources
//
// Attempts, in order:
//   1. already installed and `pulumi version` agrees -> nothing to do;
//   2. the wrapper's own installer (needs the open internet, so it is given a
//      short time to prove it can reach the download site);
//   3. a build from Go modules pinned in tools/pulumi-cli (needs `go`);
//   4. otherwise fail and say how to install it by hand.
// Only POSIX systems are handled (the project's machines and CI are Linux).

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
// Reuse the wrapper's own notion of version, cache folder and installer, so
// that this script and `npx pulumi` can never disagree about where the CLI is.
const { version } = require("pulumi/package.json");
const { cacheDir } = require("pulumi/lib/cache.js");
const { installCLI } = require("pulumi/lib/download.js");
const { isExecutable } = require("pulumi/lib/resolve.js");

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cliModule = path.join(repoRoot, "tools", "pulumi-cli");
const langhostModule = path.join(cliModule, "nodejs-langhost");
const root = cacheDir(version); // $PULUMI_HOME/versions/<version>
const EXECUTABLES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];

// Reaching the download site must succeed within this time; once it has, the
// install script (a ~100 MB download) gets the longer limit.
const REACH_TIMEOUT_MS = 20_000;
const INSTALL_TIMEOUT_MS = 5 * 60_000;

const log = (msg) => console.error(`setup-pulumi: ${msg}`);

// The version the CLI in `dir` reports, or null when it is missing or broken.
function reportedVersion(dir) {
  try {
    return execFileSync(path.join(dir, "bin", "pulumi"), ["version"], {
      encoding: "utf8",
      timeout: 10_000,
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    }).trim();
  } catch {
    return null;
  }
}

function isComplete(dir) {
  return EXECUTABLES.every((name) => isExecutable(path.join(dir, "bin", name))) && reportedVersion(dir) === `v${version}`;
}

// Each attempt fills a staging folder next to `root` (same filesystem, so the
// final rename is atomic): an interrupted install never leaves a half-filled
// versions/<version> behind. Staging folders carry the pid that made them, so
// ones left by a killed run can be told apart from a concurrent run's.
const stagingPrefix = `.${version}-staging-`;

function removeAbandonedStaging() {
  const parent = path.dirname(root);
  if (!fs.existsSync(parent)) return;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(stagingPrefix)) continue;
    const pid = Number.parseInt(name.slice(stagingPrefix.length), 10);
    try {
      process.kill(pid, 0); // still running: leave it alone
    } catch (err) {
      if (err.code === "ESRCH") fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

function makeStaging() {
  const dir = path.join(path.dirname(root), `${stagingPrefix}${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  return dir;
}

function publish(staged) {
  // rename() cannot replace a non-empty folder, so an old or partial
  // install is moved aside first and deleted afterwards.
  const old = `${staged}-old`;
  const hadOld = fs.existsSync(root);
  if (hadOld) fs.renameSync(root, old);
  fs.renameSync(staged, root);
  if (hadOld) fs.rmSync(old, { recursive: true, force: true });
}

// The dynamic-resource provider is a small shell script that @pulumi/pulumi ships.
function addNodejsProvider(staged) {
  const dest = path.join(staged, "bin", "pulumi-resource-pulumi-nodejs");
  if (isExecutable(dest)) return;
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [repoRoot] }));
  fs.copyFileSync(path.join(sdkDir, "pulumi-resource-pulumi-nodejs"), dest);
  fs.chmodSync(dest, 0o755);
}

// Attempt 2: the official installer, driven through the wrapper's installCLI.
async function tryDownload(staged) {
  try {
    await installCLI(version, staged, {
      fetchText: async (url) => {
        const res = await fetch(url, { signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
        if (!res.ok) throw new Error(`HTTP ${res.status} fetching ${url}`);
        return res.text();
      },
      execScript: (script, args) => execFileSync("/bin/sh", [script, ...args], { stdio: "inherit", timeout: INSTALL_TIMEOUT_MS }),
    });
    addNodejsProvider(staged);
    return true;
  } catch (err) {
    const cause = err.cause?.code ? ` (${err.cause.code})` : "";
    log(`download failed: ${err.message}${cause}`);
    return false;
  }
}

// The version a go.mod in tools/pulumi-cli requires for `modulePath`.
function requiredVersion(moduleDir, modulePath) {
  const gomod = fs.readFileSync(path.join(moduleDir, "go.mod"), "utf8");
  const match = gomod.match(new RegExp(`^\\s*(?:require\\s+)?${modulePath.replaceAll(".", "\\.")} (v\\S+)`, "m"));
  if (!match) throw new Error(`${path.relative(repoRoot, moduleDir)}/go.mod does not require ${modulePath}`);
  return match[1];
}

function goBuild(moduleDir, pkg, versionStamp, output) {
  const args = [
    "build",
    "-trimpath",
    "-buildvcs=false",
    "-tags",
    "osusergo,grpcnotrace",
    // The CLI reports this version, and the Automation API refuses a CLI
    // whose reported version is older than the SDK's minimum.
    "-ldflags",
    `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${versionStamp}`,
    "-o",
    output,
    pkg,
  ];
  const result = spawnSync("go", args, {
    cwd: moduleDir,
    stdio: "inherit",
    // Go's default module and build caches are used, so a second build only
    // links (seconds). The default -mod=readonly makes the committed go.sum
    // authoritative: a module whose hash differs fails the build.
    env: { ...process.env, CGO_ENABLED: "0" },
  });
  if (result.status !== 0) throw new Error(`go build ${pkg} failed (exit ${result.status ?? result.signal})`);
}

// Attempt 3: build from the Go modules pinned in tools/pulumi-cli.
function tryGoBuild(staged) {
  if (spawnSync("go", ["version"], { stdio: "ignore" }).status !== 0) {
    log("`go` is not on PATH, so the CLI cannot be built from source.");
    return false;
  }
  try {
    const cliVersion = requiredVersion(cliModule, "github.com/pulumi/pulumi/pkg/v3");
    if (cliVersion !== `v${version}`) {
      throw new Error(
        `tools/pulumi-cli/go.mod pins pkg/v3 ${cliVersion} but the npm package pulumi is ${version}; ` +
          `run \`go get github.com/pulumi/pulumi/pkg/v3@v${version} github.com/pulumi/pulumi/sdk/v3@v${version} && go mod tidy\` there`,
      );
    }
    // See tools/pulumi-cli/nodejs-langhost/tools.go for why the language host is older.
    const langhostVersion = requiredVersion(langhostModule, "github.com/pulumi/pulumi/sdk/v3");
    const started = Date.now();
    log(
      `building pulumi ${cliVersion} and pulumi-language-nodejs ${langhostVersion} with Go ` +
        "(the first build takes 10-20 minutes on 2 cores; later ones reuse Go's caches)...",
    );
    const bin = path.join(staged, "bin");
    goBuild(cliModule, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", cliVersion, path.join(bin, "pulumi"));
    goBuild(
      langhostModule,
      "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
      langhostVersion,
      path.join(bin, "pulumi-language-nodejs"),
    );
    addNodejsProvider(staged);
    log(`Go build finished in ${Math.round((Date.now() - started) / 1000)} s`);
    return true;
  } catch (err) {
    log(err.message);
    return false;
  }
}

async function main() {
  if (isComplete(root)) {
    console.log(`setup-pulumi: Pulumi CLI v${version} is ready in ${path.join(root, "bin")}`);
    return 0;
  }
  removeAbandonedStaging();
  for (const attempt of [tryDownload, tryGoBuild]) {
    const staged = makeStaging();
    try {
      if (await attempt(staged)) {
        if (isComplete(staged)) {
          publish(staged);
          console.log(`setup-pulumi: installed Pulumi CLI v${version} in ${path.join(root, "bin")}`);
          return 0;
        }
        log(`${attempt.name} did not produce all three executables with \`pulumi version\` = v${version}`);
      }
    } finally {
      fs.rmSync(staged, { recursive: true, force: true });
    }
  }
  log(`could not install the Pulumi CLI v${version}. Either:
  - put pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs of Pulumi v${version}
    into ${path.join(root, "bin")}, for example with Pulumi's installer:
      curl -fsSL https://get.pulumi.com | sh -s -- --version ${version} --install-root ${root} --no-edit-path
  - or install Go (1.25.11 or newer) and run \`npm run setup:pulumi\` again to build them from source.`);
  return 1;
}

process.exitCode = await main();
