import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { REPO } from "../../engine/pulumi-cli";
import { packTarball, userEnv } from "../package/pack";

const execFileAsync = promisify(execFile);

/** An example copied out of the repository, as a user's copy of it, with its own local backend. */
export interface ExampleCopy {
  dir: string;
  tarball: string;
  /** A user's shell: pinned Node and CLI, a fresh file backend, and `extra` (the API URL, CI secrets). */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  dispose(): void;
}

/**
 * Copies `examples/<name>` to a temporary folder outside the repository and puts the tarball
 * `npm pack` builds from this checkout next to its package.json. The examples depend on
 * `"pulumi-qoder": "file:pulumi-qoder-<version>.tgz"` and their READMEs tell users to put the
 * tarball there, so the copy is resolved exactly as a user's is: nothing in it is rewritten (no
 * overrides, no edited dependency), and `npm ci` runs against the committed lockfile.
 */
async function copyExample(name: string): Promise<ExampleCopy> {
  const work = realpathSync(mkdtempSync(join(tmpdir(), `pulumi-qoder-example-${name}-`)));
  const dir = join(work, name);
  cpSync(join(REPO, "examples", name), dir, { recursive: true });
  const packed = await packTarball(join(work, "pack"));
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  expect(manifest.dependencies["pulumi-qoder"]).toBe(`file:${basename(packed)}`);
  const tarball = join(dir, basename(packed));
  copyFileSync(packed, tarball);
  const state = join(work, "state");
  mkdirSync(state);
  return {
    dir,
    tarball,
    env: (extra = {}) => userEnv({ PULUMI_BACKEND_URL: `file://${state}`, PULUMI_CONFIG_PASSPHRASE: "examples-test-passphrase", ...extra }),
    dispose: () => rmSync(work, { recursive: true, force: true }),
  };
}

/**
 * The committed lockfile is what users' `npm ci` installs from: it must name no download URL and
 * record pulumi-qoder as the local tarball without a hash (examples/README.md says why), with the
 * dependencies the packed package declares (else `npm run lock:examples` is due).
 */
export function expectLockfileFitsTarball(copy: ExampleCopy): void {
  const text = readFileSync(join(copy.dir, "package-lock.json"), "utf8");
  expect(text).not.toMatch(/"resolved": "http/);
  const lock = JSON.parse(text);
  const packed = JSON.parse(execFileSync("tar", ["-xzOf", copy.tarball, "package/package.json"], { encoding: "utf8" }));
  const entry = lock.packages["node_modules/pulumi-qoder"];
  expect({ ...entry, integrity: entry.integrity ?? "none" }).toMatchObject({
    version: packed.version,
    resolved: `file:${basename(copy.tarball)}`,
    integrity: "none",
    dependencies: packed.dependencies,
    peerDependencies: packed.peerDependencies,
  });
}

/**
 * The commands of the ```sh blocks in the README section headed `## <heading>`: one per line,
 * backslash continuations joined, blank and comment lines dropped.
 */
export function readmeCommands(dir: string, heading: string): string[] {
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((part) => part.split("\n")[0].trim() === heading);
  if (!section) throw new Error(`README.md has no "## ${heading}" section`);
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  if (blocks.length === 0) throw new Error(`README.md's "${heading}" section has no sh block`);
  return blocks
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

/** Shell-quotes `value` for bash. */
const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * Runs `commands` one by one in `cwd` (bash, stopping at the first failure), each `<placeholder>`
 * replaced by its value in `values`; an unknown placeholder is an error, so a README edit cannot
 * slip a command past the test. Returns everything they printed.
 */
export async function runCommands(commands: string[], options: { cwd: string; env: NodeJS.ProcessEnv; values?: Record<string, string> }) {
  let printed = "";
  for (const command of commands) {
    const line = command.replace(/<([^<>]+)>/g, (_, name: string) => {
      const value = options.values?.[name];
      if (value === undefined) throw new Error(`no test value for <${name}> in: ${command}`);
      return quote(value);
    });
    try {
      const { stdout, stderr } = await execFileAsync("bash", ["-euo", "pipefail", "-c", line], {
        cwd: options.cwd,
        env: options.env,
        maxBuffer: 64 << 20,
      });
      printed += `$ ${command}\n${stdout}${stderr}`;
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`\`${command}\` failed:\n${failed.stdout ?? ""}${failed.stderr ?? failed.message}`);
    }
  }
  return printed;
}

/**
 * Copies the example `name` out of the repository and starts an emulator for it before the file's
 * tests, and removes both after them; `opened` receives them.
 */
export function useExample(name: string, qoderTokens: string[], opened: (emulator: RunningEmulator, copy: ExampleCopy) => void): void {
  let emulator: RunningEmulator | undefined;
  let copy: ExampleCopy | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: qoderTokens });
    copy = await copyExample(name);
    opened(emulator, copy);
  }, 300_000);
  afterAll(async () => {
    copy?.dispose();
    await emulator?.close();
  });
}
