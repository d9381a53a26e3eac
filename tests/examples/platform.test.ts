import type { RunningEmulator } from "../../emulator";
import { type ExampleCopy, expectLockfileFitsTarball, readmeCommands, runCommands, useExample } from "./support";

// examples/platform copied out of the repository, run by its README's own steps: an environment,
// an agent, a vault, a memory store and two Sessions in each of two stacks.

const values = {
  "dev Qoder token": "qoder_pat_platform_dev_3e1f",
  "prod Qoder token": "qoder_pat_platform_prod_7a9c",
  "dev GitHub token": "ghp_platform_dev_51c2",
  "prod GitHub token": "ghp_platform_prod_a0d4",
  "dev Git password": "git-dev-horse-battery",
  "prod Git password": "git-prod-staple-correct",
  "dev tracker token": "trk_platform_dev_8b7e",
  "prod tracker token": "trk_platform_prod_c6f1",
};

let emulator: RunningEmulator;
let copy: ExampleCopy;
useExample("platform", [values["dev Qoder token"], values["prod Qoder token"]], (started, copied) => {
  emulator = started;
  copy = copied;
});

const live = () => emulator.sessions().filter((session) => !session.archived_at);
const byTitle = (prefix: string) => live().find((session) => session.title?.startsWith(prefix));

test("the committed lockfile fits the packed package", () => expectLockfileFitsTarball(copy));

test("README: both stacks declare their whole agent environment; an agent change replaces only the pinned Session", async () => {
  const run = { cwd: copy.dir, env: copy.env({ QODER_API_URL: emulator.url }), values };
  const printed = await runCommands(readmeCommands(copy.dir, "Run it"), run);

  const environments = emulator.environments().map((env) => [env.name, env.config.networking?.type]);
  expect(environments.sort()).toEqual([
    ["platform-sandbox-dev", "unrestricted"],
    ["platform-sandbox-prod", "limited"],
  ]);
  const agents = emulator.agents().map((agent) => [agent.name, agent.model, agent.version]);
  expect(agents.sort()).toEqual([
    ["platform-engineer-dev", "efficient", 1],
    ["platform-engineer-prod", "ultimate", 1],
  ]);
  for (const stack of ["dev", "prod"] as const) {
    const agent = emulator.agents().find((a) => a.name === `platform-engineer-${stack}`)!;
    expect(agent.system).toContain("/data/workspace/backend");
    expect(agent.system).toContain("/data/workspace/infra");
    const vault = emulator.vaults().find((v) => v.display_name === `Platform credentials (${stack})`)!;
    expect(vault.credentials.map((c) => c.secretHistory)).toEqual([[values[`${stack} tracker token`]]]);
    const incidents = byTitle(`[${stack}] Incident follow-up`)!;
    expect(incidents.agent).toMatchObject({ id: agent.id, version: 1 });
    expect(incidents.vault_ids).toEqual([vault.id]);
    expect(incidents.resources.map((r) => [r.type, r.credentialHistory])).toEqual([
      ["github_repository", [values[`${stack} GitHub token`]]],
      ["git_repository", [values[`${stack} Git password`]]],
      ["memory_store", []],
    ]);
    expect(byTitle(`[${stack}] Keep the runbooks current`)!.agent.id).toBe(agent.id);
  }

  // Not README steps: nothing is left to do, then a new dev model updates the agent in place.
  await runCommands(["pulumi preview --expect-no-changes --stack dev", "pulumi preview --expect-no-changes --stack prod"], run);
  const before = { incidents: byTitle("[dev] Incident follow-up")!.id, runbooks: byTitle("[dev] Keep the runbooks current")!.id };
  const preview = await runCommands(["pulumi config set model ultimate --stack dev", "pulumi preview --diff --stack dev"], run);
  expect(preview).toMatch(/~ pulumi-nodejs:dynamic\/qoder:Agent: \(update\)/);
  expect(preview).toMatch(/\+-pulumi-nodejs:dynamic\/qoder:Session: \(replace\)/);
  expect(preview).toMatch(/1 to update/);
  expect(preview).toMatch(/1 to replace/);
  await runCommands(["pulumi up --yes --stack dev"], run);
  const devAgent = emulator.agents().find((a) => a.name === "platform-engineer-dev")!;
  expect([devAgent.model, devAgent.version]).toEqual(["ultimate", 2]);
  expect(byTitle("[dev] Incident follow-up")!.id).not.toBe(before.incidents);
  expect(byTitle("[dev] Incident follow-up")!.agent.version).toBe(2);
  expect(emulator.session(before.incidents)).toBeUndefined();
  expect(byTitle("[dev] Keep the runbooks current")!.id).toBe(before.runbooks);

  const cleanup = await runCommands(readmeCommands(copy.dir, "Clean up"), run);
  expect(live()).toEqual([]);
  expect(emulator.agents().every((agent) => agent.archived_at)).toBe(true);
  expect(emulator.environments()).toEqual([]);
  expect(emulator.vaults().filter((vault) => !vault.archived_at)).toEqual([]);
  for (const token of Object.values(values)) expect(printed + preview + cleanup).not.toContain(token);
}, 900_000);
