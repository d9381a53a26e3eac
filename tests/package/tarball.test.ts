import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packTarball } from "./pack";

// What `npm pack` (and so `npm publish`) puts in front of users: built code and typings, nothing else.

let work: string;
let entries: { name: string; size: number }[];
let tarball: string;
let unpacked: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "pulumi-qoder-tarball-"));
  tarball = await packTarball(join(work, "pack"));
  // `tar -tvz` lines: mode owner size date time name
  entries = execFileSync("tar", ["-tvzf", tarball], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map((fields) => ({
      name: fields
        .slice(5)
        .join(" ")
        .replace(/^package\//, ""),
      size: Number(fields[2]),
    }));
  unpacked = join(work, "unpacked");
  mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", tarball, "-C", unpacked, "--strip-components=1"]);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const names = () => entries.map((entry) => entry.name);
const read = (name: string) => readFileSync(join(unpacked, name), "utf8");

test("holds the provider, the runtime, the emulator and their typings", () => {
  for (const name of [
    "package.json",
    "README.md",
    "dist/provider/index.js",
    "dist/provider/index.d.ts",
    "dist/provider/dynamic/runtime.js",
    "dist/provider/dynamic/runtime.d.ts",
    "dist/emulator/index.js",
    "dist/emulator/index.d.ts",
  ]) {
    expect(names()).toContain(name);
  }
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`; // as npm counts
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  console.log(`${tarball.split("/").pop()}: ${entries.length} files, ${kb(statSync(tarball).size)} packed, ${kb(total)} unpacked`);
});

test("holds nothing else: no tests, bench, engine, program, demo, sources or source maps", () => {
  const unexpected = names().filter((name) => !/^(package\.json|README\.md|LICENSE|dist\/(provider|emulator)\/.+\.(js|d\.ts))$/.test(name));
  expect(unexpected).toEqual([]);
  expect(names().filter((name) => /^(tests|bench|engine|program|demo|scripts|docs|examples|tools)\//.test(name))).toEqual([]);
  expect(names().filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))).toEqual([]);
  expect(names().filter((name) => name.endsWith(".map"))).toEqual([]);
  // The emulator's standalone command is `npm run emulator` in this repository; the package exports only startEmulator.
  expect(names().filter((name) => name.startsWith("dist/emulator/cli"))).toEqual([]);
  const pointingAtMaps = names().filter((name) => /^\/\/# sourceMappingURL=/m.test(read(name)));
  expect(pointingAtMaps).toEqual([]);
});

test("package.json points only at files the tarball holds", () => {
  const manifest = JSON.parse(read("package.json"));
  const targets: string[] = [manifest.main, manifest.types];
  for (const target of Object.values(manifest.exports as Record<string, string | Record<string, string>>)) {
    targets.push(...(typeof target === "string" ? [target] : Object.values(target)));
  }
  for (const mapping of Object.values(manifest.typesVersions as Record<string, Record<string, string[]>>)) {
    for (const paths of Object.values(mapping)) targets.push(...paths);
  }
  for (const target of targets) expect(names()).toContain(target.replace(/^\.\//, ""));
  expect(Object.keys(manifest.exports).sort()).toEqual([".", "./emulator", "./package.json", "./runtime"]);
  for (const subpath of [".", "./runtime", "./emulator"]) expect(manifest.exports[subpath].types).toMatch(/\.d\.ts$/);
  expect(manifest.engines.node).toBeDefined();
  expect(manifest.peerDependencies["@pulumi/pulumi"]).toBeDefined();
});
