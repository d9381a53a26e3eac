import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { RunningEmulator } from "../../emulator";
import { type ExampleCopy, expectLockfileFitsTarball, runCommands, useExample } from "./support";

// examples/pipeline copied out of the repository as the root of a user's repository, its workflow
// run step by step: every `run:` line, `npm ci` included, for a pull request and for a push to main.

const QODER_TOKEN = "qoder_pat_pipeline_0c7e2a91";
const GITHUB_TOKEN = "ghp_examples_pipeline_4b3a2918";

interface Step {
  uses?: string;
  run?: string;
  if?: string;
}

let emulator: RunningEmulator;
let copy: ExampleCopy;
useExample("pipeline", [QODER_TOKEN], (started, copied) => {
  emulator = started;
  copy = copied;
});

const live = () => emulator.sessions().filter((session) => !session.archived_at);

test("the committed lockfile fits the packed package", () => expectLockfileFitsTarball(copy));

test("the workflow previews on a pull request and deploys on main", async () => {
  const workflow = parse(readFileSync(join(copy.dir, ".github/workflows/qoder-sessions.yml"), "utf8"));
  const steps = workflow.jobs.sessions.steps as Step[];
  // The actions stand for what the test provides: the copy is the checkout, and the user's PATH has
  // the pinned Node 24 and the pinned Pulumi CLI. Any other action would go unrun, so it fails here.
  expect(steps.filter((step) => step.uses).map((step) => step.uses)).toEqual([
    "actions/checkout@v4",
    "actions/setup-node@v4",
    "pulumi/actions@v6",
  ]);
  const conditions = new Set(steps.filter((step) => step.if).map((step) => step.if));
  expect(conditions).toEqual(new Set(["github.event_name == 'pull_request'", "github.event_name == 'push'"]));
  const commands = (event: string) =>
    steps.filter((step) => step.run && (!step.if || step.if === `github.event_name == '${event}'`)).map((step) => step.run!.trim());
  const ran = new Set([...commands("pull_request"), ...commands("push")]);
  expect(ran).toEqual(new Set(steps.filter((step) => step.run).map((step) => step.run!.trim())));
  expect(commands("pull_request")[0]).toBe("npm ci");

  // What the CI secret store provides; the backend and passphrase come from the copy's environment.
  const env = copy.env({ QODER_ACCESS_TOKEN: QODER_TOKEN, QODER_API_URL: emulator.url, AGENT_GITHUB_TOKEN: GITHUB_TOKEN });
  const run = (event: string) => runCommands(commands(event), { cwd: copy.dir, env });

  const pr = await run("pull_request");
  expect(pr).toMatch(/\+ 2 to create/);
  expect(live()).toEqual([]);
  const push = await run("push");
  expect(push).toMatch(/\+ 2 created/);
  expect(live()).toHaveLength(1);
  expect(live()[0].resources.map((resource) => resource.credentialHistory)).toEqual([[GITHUB_TOKEN]]);
  const again = await run("pull_request");
  expect(again).toMatch(/2 unchanged/);
  for (const output of [pr, push, again]) {
    expect(output).not.toContain(GITHUB_TOKEN);
    expect(output).not.toContain(QODER_TOKEN);
  }
  // Not in the workflow: take the Session down again.
  await runCommands(["pulumi destroy --yes --non-interactive --stack dev"], { cwd: copy.dir, env });
  expect(live()).toEqual([]);
}, 600_000);
