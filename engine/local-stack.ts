import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { type ConfigMap, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import type { DeclaredObject } from "./objects-program";
import { enginePath, pulumiCommand, REPO } from "./pulumi-cli";

/** A throwaway stack of a Pulumi program on a local file backend (or another backend), with everything the CLI printed. */
export interface EngineStack {
  stack: Stack;
  /** Every line the CLI printed (stdout and stderr) across all operations. */
  output: string[];
  dir: string;
  /** The local file backend's folder (left empty when `backendUrl` names another backend). */
  stateDir: string;
  /** The variables every CLI run gets (backend, passphrase, PATH). */
  envVars: Record<string, string>;
  /** `pulumi stack export` exactly as a user runs it: secrets stay encrypted unless `showSecrets`. */
  exportState(options?: { showSecrets?: boolean }): Promise<{
    deployment: { resources: { type: string; urn: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] };
  }>;
  dispose(): Promise<void>;
}

const execFileAsync = promisify(execFile);

/** Where throwaway projects live: inside the repository, so `pulumi-qoder` resolves from its node_modules. */
const WORK = join(REPO, ".work");

/** The program a stack runs: a compiled program under dist/, or a copy of a project folder. */
export type ProgramSource = { project: string; programJs: string } | { projectDir: string };

/**
 * Creates a stack of `source` in a fresh folder under the repository (so `pulumi-qoder` resolves
 * from its node_modules), with a fresh local backend and passphrase. `backendUrl` (a `PULUMI_BACKEND_URL`,
 * such as `postgres://…`) puts the stack's state there instead; stacks may share it.
 */
export async function createEngineStack(options: {
  source: ProgramSource;
  stackName?: string;
  backendUrl?: string;
  config: ConfigMap;
  env?: Record<string, string>;
  /**
   * An existing `Pulumi.<stack>.yaml` to start from, such as one a fixture recorded: the stack
   * keeps its encryption salt, so with its passphrase its secrets (and those of a state exported
   * from it) decrypt. `config` is set on top of it.
   */
  stackConfigFile?: string;
  /** The secrets passphrase; the engine tests' own by default. */
  passphrase?: string;
}): Promise<EngineStack> {
  mkdirSync(WORK, { recursive: true });
  const dir = mkdtempSync(join(WORK, "project-"));
  const stateDir = mkdtempSync(join(WORK, "state-"));
  const source = options.source;
  if ("projectDir" in source) {
    cpSync(source.projectDir, dir, { recursive: true });
  } else {
    writeFileSync(join(dir, "Pulumi.yaml"), `name: ${source.project}\nruntime: nodejs\nmain: index.js\n`);
    writeFileSync(join(dir, "index.js"), `module.exports = require(${JSON.stringify(source.programJs)});\n`);
  }
  const stackName = options.stackName ?? "test";
  if (options.stackConfigFile) cpSync(options.stackConfigFile, join(dir, `Pulumi.${stackName}.yaml`));
  const envVars = {
    PATH: enginePath(),
    PULUMI_BACKEND_URL: options.backendUrl ?? `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "engine-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    ...options.env,
  };
  const command = await pulumiCommand();
  const stack = await LocalWorkspace.createStack({ stackName, workDir: dir }, { pulumiCommand: command, envVars });
  await stack.setAllConfig(options.config);
  const output: string[] = [];
  const record = (line: string) => output.push(line);
  const wrap = <T extends (...args: never[]) => Promise<unknown>>(fn: T): T =>
    (async (...args: Parameters<T>) => {
      try {
        const result = (await fn(...args)) as { stdout?: unknown; stderr?: unknown } | undefined;
        if (result && typeof result.stdout === "string") record(result.stdout);
        if (result && typeof result.stderr === "string") record(result.stderr);
        return result;
      } catch (error) {
        record(String((error as Error).message));
        throw error;
      }
    }) as T;
  for (const op of ["up", "preview", "refresh", "destroy"] as const) {
    const original = stack[op].bind(stack) as (opts?: Record<string, unknown>) => Promise<unknown>;
    (stack as unknown as Record<string, unknown>)[op] = wrap((opts?: Record<string, unknown>) =>
      original({
        ...opts,
        onOutput: (line: string) => {
          record(line);
          (opts?.onOutput as ((line: string) => void) | undefined)?.(line);
        },
        onError: (line: string) => {
          record(line);
          (opts?.onError as ((line: string) => void) | undefined)?.(line);
        },
      }),
    );
  }
  return {
    stack,
    output,
    dir,
    stateDir,
    envVars,
    async exportState(exportOptions) {
      const args = ["stack", "export", "--stack", stackName, ...(exportOptions?.showSecrets ? ["--show-secrets"] : [])];
      const { stdout } = await execFileAsync(command.command, args, {
        cwd: dir,
        env: { ...process.env, ...envVars },
        maxBuffer: 512 * 1024 * 1024,
      });
      return JSON.parse(stdout);
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The root program, compiled by `npm run build`. */
export const ROOT_PROGRAM = join(REPO, "dist", "program", "index.js");

/** The program of one Agent and the Sessions that run it (demo/agent-program.ts), compiled by `npm run build`. */
export const AGENT_PROGRAM = join(REPO, "dist", "demo", "agent-program.js");

/**
 * A stack of the root program declaring `sessions` (and the agents and environments they name), pointed at the API at `apiUrl` with the Qoder
 * token in secret config and every repository's GitHub token under the secret key `githubToken`.
 */
export function rootProgramStack(options: {
  apiUrl: string;
  qoderToken: string;
  githubToken: string;
  sessions: readonly object[];
  /** Agents by key (`qoder-sessions:agents`), which Sessions may name. */
  agents?: Record<string, object>;
  /** Environments by key (`qoder-sessions:environments`), which Sessions may name. */
  environments?: Record<string, object>;
  stackName?: string;
}): Promise<EngineStack> {
  const declared = Object.entries({ agents: options.agents, environments: options.environments }).flatMap(([key, value]) =>
    value ? [[`qoder-sessions:${key}`, { value: JSON.stringify(value) }] as const] : [],
  );
  return createEngineStack({
    source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
    stackName: options.stackName,
    config: {
      "qoder:token": { value: options.qoderToken, secret: true },
      "qoder:apiUrl": { value: options.apiUrl },
      "qoder-sessions:sessions": { value: JSON.stringify(options.sessions) },
      "qoder-sessions:githubToken": { value: options.githubToken, secret: true },
      ...Object.fromEntries(declared),
    },
  });
}

/** The test program of top-level objects (engine/objects-program.ts), compiled by `npm run build`. */
const OBJECTS_PROGRAM = join(REPO, "dist", "engine", "objects-program.js");

/**
 * A stack of the test program that declares top-level objects (`MemoryStore`, `Environment`, …)
 * from the config `qoder-objects:objects`, pointed at the API at `apiUrl` with the Qoder token in
 * secret config. Change the objects with {@link setDeclaredObjects}.
 */
export function objectsStack(options: { apiUrl: string; qoderToken: string; objects: readonly DeclaredObject[] }): Promise<EngineStack> {
  return createEngineStack({
    source: { project: "qoder-objects", programJs: OBJECTS_PROGRAM },
    config: {
      "qoder:token": { value: options.qoderToken, secret: true },
      "qoder:apiUrl": { value: options.apiUrl },
      "qoder-objects:objects": { value: JSON.stringify(options.objects) },
    },
  });
}

/** Declares other objects in a stack made by {@link objectsStack}; the next operation runs with them. */
export function setDeclaredObjects(engine: EngineStack, objects: readonly DeclaredObject[]): Promise<void> {
  return engine.stack.setConfig("qoder-objects:objects", { value: JSON.stringify(objects) });
}
