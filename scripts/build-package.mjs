#!/usr/bin/env node
// `npm pack` / `npm publish` run this (the `prepack` script): compiles what the package ships,
// dist/provider and dist/emulator, from scratch. No source maps: the package carries no .ts
// sources for them to point at. Stale output (from a file since removed, or the development
// build's maps) is cleared first, so the tarball holds exactly what the sources compile to.

import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
for (const folder of ["provider", "emulator"]) rmSync(path.join(root, "dist", folder), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.package.json")], { stdio: "inherit" });
