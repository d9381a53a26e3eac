import type { RunningEmulator } from "../../emulator";
import { type ExampleCopy, expectLockfileFitsTarball, readmeCommands, runCommands, useExample } from "./support";

// examples/single-repo copied out of the repository, run by its README's own steps.

const QODER_TOKEN = "qoder_pat_single_repo_3f9d11c2";
const GITHUB_TOKEN = "ghp_examples_github_4b3a2918";
const values = { "Qoder token": QODER_TOKEN, "GitHub token": GITHUB_TOKEN };

let emulator: RunningEmulator;
let copy: ExampleCopy;
useExample("single-repo", [QODER_TOKEN], (started, copied) => {
  emulator = started;
  copy = copied;
});

const live = () => emulator.sessions().filter((session) => !session.archived_at);

test("the committed lockfile fits the packed package", () => expectLockfileFitsTarball(copy));

test("README: run it, then clean up", async () => {
  const run = { cwd: copy.dir, env: copy.env({ QODER_API_URL: emulator.url }), values };
  const printed = await runCommands(readmeCommands(copy.dir, "Run it"), run);
  expect(printed).toMatch(/\+ 2 to create/);
  expect(live()).toHaveLength(1);
  expect(live()[0].resources.map((resource) => resource.credentialHistory)).toEqual([[GITHUB_TOKEN]]);
  // Not README steps: the mount path the API chose is an output, and nothing is left to do.
  const outputs = await runCommands(["pulumi stack output mountedAt", "pulumi preview --expect-no-changes"], run);
  expect(outputs).toContain("/data/workspace/backend");

  const cleanup = await runCommands(readmeCommands(copy.dir, "Clean up"), run);
  expect(live()).toEqual([]);
  for (const token of Object.values(values)) expect(printed + cleanup).not.toContain(token);
}, 600_000);
