import type { RunningEmulator } from "../../emulator";
import { type ExampleCopy, expectLockfileFitsTarball, readmeCommands, runCommands, useExample } from "./support";

// examples/dev-prod-stacks copied out of the repository, run by its README's own steps: two stacks
// from their own stack files, each with its own tokens.

const values = {
  "dev Qoder token": "qoder_pat_dev_5a1c7e30",
  "prod Qoder token": "qoder_pat_prod_9b2d8f41",
  "dev GitHub token": "ghp_examples_dev_41dd",
  "prod GitHub token": "ghp_examples_prod_99cc",
};

let emulator: RunningEmulator;
let copy: ExampleCopy;
useExample("dev-prod-stacks", [values["dev Qoder token"], values["prod Qoder token"]], (started, copied) => {
  emulator = started;
  copy = copied;
});

const live = () => emulator.sessions().filter((session) => !session.archived_at);

test("the committed lockfile fits the packed package", () => expectLockfileFitsTarball(copy));

test("README: both stacks come up from their own stack files; dev deletes, prod archives", async () => {
  const run = { cwd: copy.dir, env: copy.env({ QODER_API_URL: emulator.url }), values };
  const printed = await runCommands(readmeCommands(copy.dir, "Run it"), run);
  const sessions = live()
    .map((s) => [s.title, s.environment_id, s.agent.id, s.resources.map((r) => r.credentialHistory)])
    .sort();
  expect(sessions).toEqual([
    [
      "[dev] Triage incoming bugs",
      "env_019e2590d33f711fabf42f2857cecd8a",
      "agent_019e390add9f7bac9b6cc806db46fcbd",
      [[values["dev GitHub token"]], [values["dev GitHub token"]]],
    ],
    [
      "[prod] Triage incoming bugs",
      "env_019e3a7c4e1b7f2d8a9c0b1d2e3f4a5c",
      "agent_019e3a7c4e1b7f2d8a9c0b1d2e3f4a5b",
      [[values["prod GitHub token"]], [values["prod GitHub token"]]],
    ],
  ]);
  // Not README steps: nothing is left to do in either stack.
  await runCommands(["pulumi preview --expect-no-changes --stack dev", "pulumi preview --expect-no-changes --stack prod"], run);
  const devId = live().find((s) => s.title?.startsWith("[dev]"))!.id;
  const prodId = live().find((s) => s.title?.startsWith("[prod]"))!.id;

  const cleanup = await runCommands(readmeCommands(copy.dir, "Clean up"), run);
  expect(emulator.session(devId)).toBeUndefined();
  expect(emulator.session(prodId)!.archived_at).not.toBeNull();
  expect(live()).toEqual([]);
  for (const token of Object.values(values)) expect(printed + cleanup).not.toContain(token);
}, 600_000);
