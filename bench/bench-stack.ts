import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { createEngineStack, type EngineStack } from "../engine/local-stack";
import type { BenchSession } from "./fleet";
import type { Variant } from "./variants";

/**
 * How the `sessions` value reaches the program. `stack`: stack config, as a user sets it. `file`:
 * stack config cannot carry it (see {@link ENV_STRING_LIMIT}), so the project's entry point puts
 * it into the program's config from a file next to it before loading the program.
 */
export type ConfigTransport = "stack" | "file";

/**
 * Linux refuses to start a process with any single argument or environment string longer than
 * this (MAX_ARG_STRLEN). The CLI passes each config value as an argument of `pulumi config
 * set-all`, and the Node.js language host passes the whole config to the program in one variable,
 * `PULUMI_CONFIG`.
 */
const ENV_STRING_LIMIT = 128 * 1024;

/** Bytes of `PULUMI_CONFIG=<json>` for this config (keys as the language host spells them). */
function configEnvBytes(config: ConfigMap): number {
  const entries = Object.entries(config).map(([key, entry]) => [key.replace(":", ":config:"), entry.value]);
  return Buffer.byteLength(`PULUMI_CONFIG=${JSON.stringify(Object.fromEntries(entries))}`) + 1;
}

/** A stack of one benchmark program whose declared Sessions and tokens can be changed between operations. */
export interface BenchStack {
  engine: EngineStack;
  transport: ConfigTransport;
  /** Declares these Sessions for the next operation. */
  setSessions(sessions: BenchSession[]): Promise<void>;
  /** Sets one secret token config key (e.g. `githubToken`). */
  setToken(key: string, value: string): Promise<void>;
  dispose(): Promise<void>;
}

const SESSIONS_FILE = "sessions.json";

/** An entry point that sets `<project>:sessions` from {@link SESSIONS_FILE}, then loads the program. */
function fileEntryPoint(project: string, programJs: string): string {
  return [
    `const { readFileSync } = require("node:fs");`,
    `const { join } = require("node:path");`,
    `require("@pulumi/pulumi").runtime.setConfig(${JSON.stringify(`${project}:sessions`)}, readFileSync(join(__dirname, ${JSON.stringify(SESSIONS_FILE)}), "utf8"));`,
    `module.exports = require(${JSON.stringify(programJs)});`,
    "",
  ].join("\n");
}

/**
 * Creates a fresh stack (fresh folder and local backend) of `variant` declaring `sessions`.
 * With `transport: "auto"` the Sessions go through stack config whenever it can carry them.
 */
export async function createBenchStack(options: {
  variant: Variant;
  sessions: BenchSession[];
  tokens: Record<string, string>;
  /** Provider settings (`qoder:*`), identical for both variants. */
  providerConfig: ConfigMap;
  transport: ConfigTransport | "auto";
  env?: Record<string, string>;
}): Promise<BenchStack> {
  const { variant, sessions } = options;
  const key = (name: string) => `${variant.project}:${name}`;
  const base: ConfigMap = {
    ...options.providerConfig,
    ...Object.fromEntries(Object.entries(options.tokens).map(([name, value]) => [key(name), { value, secret: true }])),
  };
  const sessionsEntry = { value: JSON.stringify(sessions) };
  const fits = configEnvBytes({ ...base, [key("sessions")]: sessionsEntry }) < ENV_STRING_LIMIT * 0.9;
  const transport: ConfigTransport = options.transport === "auto" ? (fits ? "stack" : "file") : options.transport;

  let engine: EngineStack;
  if (transport === "stack") {
    engine = await createEngineStack({
      source: { project: variant.project, programJs: variant.programJs },
      config: { ...base, [key("sessions")]: sessionsEntry },
      env: options.env,
    });
  } else {
    const template = mkdtempSync(join(tmpdir(), "bench-project-"));
    try {
      writeFileSync(join(template, "Pulumi.yaml"), `name: ${variant.project}\nruntime: nodejs\nmain: index.js\n`);
      writeFileSync(join(template, "index.js"), fileEntryPoint(variant.project, variant.programJs));
      writeFileSync(join(template, SESSIONS_FILE), sessionsEntry.value);
      engine = await createEngineStack({ source: { projectDir: template }, config: base, env: options.env });
    } finally {
      rmSync(template, { recursive: true, force: true });
    }
  }

  return {
    engine,
    transport,
    async setSessions(next) {
      const value = JSON.stringify(next);
      if (transport === "stack") await engine.stack.setConfig(key("sessions"), { value });
      else writeFileSync(join(engine.dir, SESSIONS_FILE), value);
    },
    async setToken(name, value) {
      await engine.stack.setConfig(key(name), { value, secret: true });
    },
    dispose: () => engine.dispose(),
  };
}
