import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { parse } from "yaml";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { createEngineStack, type EngineStack } from "../../engine/local-stack";
import { REPO } from "../../engine/pulumi-cli";

const execFileAsync = promisify(execFile);
const QODER_TOKEN = "qoder_pat_examples_0c7e2a91";
const GITHUB_TOKEN = "ghp_examples_github_4b3a2918";
const example = (name: string) => join(REPO, "examples", name);

let emulator: RunningEmulator;
const stacks: EngineStack[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [QODER_TOKEN] });
});
afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.dispose()));
  await emulator.close();
});

const active = () => emulator.sessions().filter((session) => !session.archived_at);
const secret = (value: string) => ({ value, secret: true });
const providerConfig = (): ConfigMap => ({ "qoder:token": secret(QODER_TOKEN), "qoder:apiUrl": { value: emulator.url } });

async function stackOf(name: string, config: ConfigMap, stackName = "dev"): Promise<EngineStack> {
  const engine = await createEngineStack({ source: { projectDir: example(name) }, stackName, config: { ...providerConfig(), ...config } });
  stacks.push(engine);
  return engine;
}

/** preview → up → empty preview → destroy, checking the emulator at each step. */
async function lifeCycle(engine: EngineStack, sessions: number): Promise<void> {
  const before = active().length;
  expect((await engine.stack.preview()).changeSummary.create).toBe(sessions + 1);
  expect(active()).toHaveLength(before);
  await engine.stack.up();
  expect(active()).toHaveLength(before + sessions);
  expect((await engine.stack.preview()).changeSummary).toEqual({ same: sessions + 1 });
  await engine.stack.destroy();
  expect(active()).toHaveLength(before);
}

describe("examples run under the real engine", () => {
  test("single-repo", async () => {
    const engine = await stackOf("single-repo", {
      "qoder-single-repo:agentId": { value: "agent_019e390add9f" },
      "qoder-single-repo:environmentId": { value: "env_019e2590d33f" },
      "qoder-single-repo:githubToken": secret(GITHUB_TOKEN),
    });
    await lifeCycle(engine, 1);
  });

  test("multi-repo", async () => {
    const engine = await stackOf("multi-repo", {
      "qoder-multi-repo:agentId": { value: "agent_019e390add9f" },
      "qoder-multi-repo:agentVersion": { value: "1" },
      "qoder-multi-repo:environmentId": { value: "env_019e2590d33f" },
      "qoder-multi-repo:frontendToken": secret("ghp_examples_frontend_77aa"),
      "qoder-multi-repo:backendToken": secret("ghp_examples_backend_88bb"),
    });
    await engine.stack.up();
    const session = active().find((s) => s.title === "Add the export button end to end")!;
    const held = Object.fromEntries(session.resources.map((r) => [(r as { mount_path: string }).mount_path, r.credentialHistory]));
    expect(held).toEqual({
      "/data/workspace/frontend": ["ghp_examples_frontend_77aa"],
      "/data/workspace/backend": ["ghp_examples_backend_88bb"],
    });
    expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
    await engine.stack.destroy();
    expect(active()).toEqual([]);
  });

  test("dev-prod-stacks: both stacks come up from their own stack files", async () => {
    const dev = await stackOf("dev-prod-stacks", { "qoder-dev-prod:githubToken": secret(GITHUB_TOKEN) }, "dev");
    const prod = await stackOf("dev-prod-stacks", { "qoder-dev-prod:githubToken": secret("ghp_examples_prod_99cc") }, "prod");
    await dev.stack.up();
    await prod.stack.up();
    const titles = active()
      .map((s) => [s.title, s.environment_id, s.agent_id])
      .sort();
    expect(titles).toEqual([
      ["[dev] Triage incoming bugs", "env_019e2590d33f711fabf42f2857cecd8a", "agent_019e390add9f7bac9b6cc806db46fcbd"],
      ["[prod] Triage incoming bugs", "env_019e3a7c4e1b7f2d8a9c0b1d2e3f4a5c", "agent_019e3a7c4e1b7f2d8a9c0b1d2e3f4a5b"],
    ]);
    for (const engine of [dev, prod]) expect((await engine.stack.preview()).changeSummary).toEqual({ same: 2 });
    const devId = active().find((s) => s.title!.startsWith("[dev]"))!.id;
    const prodId = active().find((s) => s.title!.startsWith("[prod]"))!.id;
    await dev.stack.destroy();
    await prod.stack.destroy();
    expect(emulator.session(devId)).toBeUndefined(); // dev deletes
    expect(emulator.session(prodId)!.archived_at).not.toBeNull(); // prod archives
  });

  test("pipeline: the workflow's own commands preview on a pull request and deploy on main", async () => {
    const workflow = parse(readFileSync(join(example("pipeline"), ".github/workflows/qoder-sessions.yml"), "utf8"));
    const steps = workflow.jobs.sessions.steps as { run?: string; if?: string }[];
    const commands = (event: string) =>
      steps
        .filter((step) => step.run && step.run !== "npm ci")
        .filter((step) => !step.if || step.if === `github.event_name == '${event}'`)
        .map((step) => step.run!);
    const engine = await createEngineStack({ source: { projectDir: example("pipeline") }, stackName: "scratch", config: {} });
    stacks.push(engine);
    // What the CI secret store would provide; the API URL points the provider at the emulator.
    const env = {
      ...process.env,
      ...engine.envVars,
      QODER_ACCESS_TOKEN: QODER_TOKEN,
      QODER_API_URL: emulator.url,
      AGENT_GITHUB_TOKEN: GITHUB_TOKEN,
    };
    const run = async (event: string) => {
      let printed = "";
      for (const command of commands(event)) {
        const { stdout, stderr } = await execFileAsync("bash", ["-euo", "pipefail", "-c", command], { cwd: engine.dir, env });
        printed += stdout + stderr;
      }
      return printed;
    };
    expect(commands("pull_request").some((c) => c.startsWith("pulumi preview"))).toBe(true);
    expect(commands("push").some((c) => c.startsWith("pulumi up"))).toBe(true);

    const pr = await run("pull_request");
    expect(pr).toMatch(/\+ 2 to create/);
    expect(active()).toEqual([]);
    const push = await run("push");
    expect(push).toMatch(/\+ 2 created/);
    expect(active()).toHaveLength(1);
    const again = await run("pull_request");
    expect(again).toMatch(/2 unchanged/);
    for (const output of [pr, push, again]) {
      expect(output).not.toContain(GITHUB_TOKEN);
      expect(output).not.toContain(QODER_TOKEN);
    }
    await execFileAsync(join(engine.envVars.PATH.split(":")[1], "pulumi"), ["destroy", "--yes", "--stack", "dev", "--non-interactive"], {
      cwd: engine.dir,
      env,
    });
    expect(active()).toEqual([]);
  });
});
