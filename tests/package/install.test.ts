import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import type * as emulatorModule from "../../emulator";
import { pulumiCommand, REPO } from "../../engine/pulumi-cli";
import { packTarball, userEnv } from "./pack";

// The tarball as a user meets it: installed into a fresh Pulumi TypeScript project outside this
// repository (so nothing resolves from the repository's node_modules), then preview, up, an empty
// preview and destroy with the pinned CLI against the emulator that the package itself ships.

const execFileAsync = promisify(execFile);
const QODER_TOKEN = "qoder_pat_package_5b9d03e1";
const GITHUB_TOKEN = "ghp_package_install_7c21aa4e";
const repoManifest = require(join(REPO, "package.json"));

let work: string;
let project: string;
let emulator: emulatorModule.RunningEmulator;

beforeAll(async () => {
  work = realpathSync(mkdtempSync(join(tmpdir(), "pulumi-qoder-install-")));
  const tarball = await packTarball(join(work, "pack"));
  project = join(work, "project");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify(
      {
        name: "qoder-sessions",
        private: true,
        main: "index.ts",
        dependencies: {
          "@pulumi/pulumi": repoManifest.devDependencies["@pulumi/pulumi"],
          "pulumi-qoder": `file:../pack/${basename(tarball)}`,
          typescript: repoManifest.devDependencies.typescript,
        },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(join(project, "Pulumi.yaml"), "name: qoder-sessions\nruntime: nodejs\n");
  // What `pulumi new typescript` writes, give or take.
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node", skipLibCheck: true },
      files: ["index.ts"],
    }),
  );
  writeFileSync(
    join(project, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
import { Session } from "pulumi-qoder";

const config = new pulumi.Config();
const session = new Session("backend-fix", {
  agent: { id: "agent_019e390add9f7bac9b6cc806db46fcbd", version: 2 },
  environmentId: "env_019e2590d33f711fabf42f2857cecd8a",
  title: "Fix bug in backend",
  repositories: [
    { url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: config.requireSecret("githubToken") },
  ],
});
export const sessionId = session.sessionId;
`,
  );
  await execFileAsync("npm", ["install", "--no-audit", "--no-fund"], { cwd: project, env: userEnv() });
  // The emulator as the package exports it (`pulumi-qoder/emulator`), loaded from the project.
  const installed: typeof emulatorModule = createRequire(join(project, "package.json"))("pulumi-qoder/emulator");
  emulator = await installed.startEmulator({ tokens: [QODER_TOKEN] });
}, 600_000);
afterAll(async () => {
  await emulator?.close();
  rmSync(work, { recursive: true, force: true });
});

test("the serialized provider's require('pulumi-qoder/runtime') resolves inside the project", async () => {
  const { stdout } = await execFileAsync("node", ["-p", 'require.resolve("pulumi-qoder/runtime")'], { cwd: project, env: userEnv() });
  expect(stdout.trim()).toBe(join(project, "node_modules", "pulumi-qoder", "dist", "provider", "dynamic", "runtime.js"));
});

test("the typings resolve with the project's TypeScript, old and new module resolution alike", async () => {
  writeFileSync(
    join(project, "subpaths.ts"),
    `import { Session } from "pulumi-qoder";
import { provider } from "pulumi-qoder/runtime";
import { startEmulator } from "pulumi-qoder/emulator";
export const used: unknown[] = [Session, provider("Session"), startEmulator];
`,
  );
  const tsc = join(project, "node_modules", "typescript", "bin", "tsc");
  const common = ["--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "index.ts", "subpaths.ts"];
  for (const resolution of [
    ["--module", "commonjs", "--moduleResolution", "node"],
    ["--module", "node16", "--moduleResolution", "node16"],
  ]) {
    await execFileAsync("node", [tsc, ...resolution, ...common], { cwd: project, env: userEnv() });
  }
  rmSync(join(project, "subpaths.ts"));
});

test("preview, up, an empty preview and destroy with the pinned CLI", async () => {
  const state = join(work, "state");
  mkdirSync(state);
  const env = userEnv({ PULUMI_BACKEND_URL: `file://${state}`, PULUMI_CONFIG_PASSPHRASE: "package-test-passphrase" });
  const envVars = Object.fromEntries(Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined));
  const stack = await LocalWorkspace.createStack({ stackName: "dev", workDir: project }, { pulumiCommand: await pulumiCommand(), envVars });
  await stack.setAllConfig({
    "qoder:token": { value: QODER_TOKEN, secret: true },
    "qoder:apiUrl": { value: emulator.url },
    "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
  });
  const live = () => emulator.sessions().filter((session) => !session.archived_at);

  expect((await stack.preview()).changeSummary).toEqual({ create: 2 });
  expect(live()).toEqual([]);
  const up = await stack.up();
  expect(up.summary.resourceChanges).toEqual({ create: 2 });
  expect(live()).toHaveLength(1);
  expect(live()[0].resources.map((resource) => resource.credentialHistory)).toEqual([[GITHUB_TOKEN]]);

  // State, exported as a user does (secrets stay encrypted), holds the few-line shim that loads the
  // installed package by name, and no token.
  const { stdout: exported } = await execFileAsync("pulumi", ["stack", "export", "--stack", "dev"], {
    cwd: project,
    env,
    maxBuffer: 64 << 20,
  });
  expect(exported).toContain("pulumi-qoder/runtime");
  expect(exported).not.toContain(GITHUB_TOKEN);
  expect(exported).not.toContain(QODER_TOKEN);

  const again = await stack.preview({ expectNoChanges: true });
  expect(again.changeSummary).toEqual({ same: 2 });
  await stack.destroy();
  expect(live()).toEqual([]);
});
