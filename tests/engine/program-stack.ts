import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { createEngineStack, type EngineStack } from "../../engine/local-stack";

/** A JavaScript Pulumi program written out for one test, and what its stack is set up with. */
export interface ProgramStackOptions {
  /** The project's name, which also prefixes its config keys (`<project>:key`). */
  project: string;
  /** The program's `index.js`. */
  program: string;
  qoderToken: string;
  apiUrl: string;
  /** More stack config, set on top of the Qoder token, the API URL and one retry. */
  config?: ConfigMap;
  env?: Record<string, string>;
}

/** A stack of `program` against the API at `apiUrl` (not yet tracked for disposal). */
export async function programStack({ project, program, qoderToken, apiUrl, config, env }: ProgramStackOptions): Promise<EngineStack> {
  // The project is copied next to the repository's node_modules, where `pulumi-qoder` resolves.
  const projectDir = mkdtempSync(join(tmpdir(), `${project}-`));
  writeFileSync(join(projectDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\nmain: index.js\n`);
  writeFileSync(join(projectDir, "index.js"), program);
  try {
    return await createEngineStack({
      source: { projectDir },
      config: {
        "qoder:token": { value: qoderToken, secret: true },
        "qoder:apiUrl": { value: apiUrl },
        "qoder:maxRetries": { value: "1" },
        ...config,
      },
      ...(env && { env }),
    });
  } finally {
    rmSync(projectDir, { recursive: true, force: true });
  }
}
