import type { RunningEmulator } from "../../emulator";
import { type ExampleCopy, expectLockfileFitsTarball, readmeCommands, runCommands, useExample } from "./support";

// examples/multi-repo copied out of the repository, run by its README's own steps.

const QODER_TOKEN = "qoder_pat_multi_repo_0c7e2a91";
const FRONTEND_TOKEN = "ghp_examples_frontend_77aa";
const BACKEND_TOKEN = "ghp_examples_backend_88bb";
const values = {
  "Qoder token": QODER_TOKEN,
  "GitHub token for acme/frontend": FRONTEND_TOKEN,
  "GitHub token for acme/backend": BACKEND_TOKEN,
};

let emulator: RunningEmulator;
let copy: ExampleCopy;
useExample("multi-repo", [QODER_TOKEN], (started, copied) => {
  emulator = started;
  copy = copied;
});

const live = () => emulator.sessions().filter((session) => !session.archived_at);

test("the committed lockfile fits the packed package", () => expectLockfileFitsTarball(copy));

test("README: run it, then clean up", async () => {
  const run = { cwd: copy.dir, env: copy.env({ QODER_API_URL: emulator.url }), values };
  const printed = await runCommands(readmeCommands(copy.dir, "Run it"), run);
  expect(live()).toHaveLength(1);
  const [session] = live();
  expect(session.title).toBe("Add the export button end to end");
  expect(session.agent.version).toBe(2);
  const held = Object.fromEntries(session.resources.map((r) => [(r as { mount_path: string }).mount_path, r.credentialHistory]));
  expect(held).toEqual({ "/data/workspace/frontend": [FRONTEND_TOKEN], "/data/workspace/backend": [BACKEND_TOKEN] });
  // Not a README step: what the README left behind is what the program declares.
  await runCommands(["pulumi preview --expect-no-changes"], run);

  const cleanup = await runCommands(readmeCommands(copy.dir, "Clean up"), run);
  expect(live()).toEqual([]);
  for (const token of Object.values(values)) expect(printed + cleanup).not.toContain(token);
}, 600_000);
