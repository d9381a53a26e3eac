/**
 * The provider's own work for one Session as its repository count grows: validation (`check`),
 * building the create request, matching the API's resources to the declared repositories, and
 * the diff of a token change. Each runs in this process, without the engine or HTTP, so the cost
 * per repository shows directly whether any step grows faster than the repository count.
 */
import { performance } from "node:perf_hooks";
import type { ResourceWire, SessionWire } from "../provider/api/wire";
import { diffSession } from "../provider/session/diff";
import type { SessionInputs } from "../provider/session/inputs";
import { createSessionRequest, sessionOutputs } from "../provider/session/plan";
import { validateInputs } from "../provider/session/validate";
import { median } from "./stats";

/** Repository counts per Session the steps are timed at. */
export const REPOSITORY_COUNTS = [10, 100, 1000];

/** The steps timed, by name. */
export const SCALING_STEPS = ["check", "create request", "match resources", "diff (one token)"] as const;
export type ScalingStep = (typeof SCALING_STEPS)[number];

/** Microseconds per repository of each step, at one repository count. */
export interface ScalingPoint {
  repositories: number;
  microsPerRepository: Record<ScalingStep, number>;
}

function declared(count: number): SessionInputs {
  return {
    agent: "agent_019e390add9f7bac9b6cc806db46fcbd",
    environmentId: "env_019e2590d33f711fabf42f2857cecd8a",
    title: "scaling",
    repositories: Array.from({ length: count }, (_, index) => ({
      url: `https://github.com/acme/repo-${index}`,
      mountPath: `/data/workspace/repo-${index}`,
      authorizationToken: "ghp_scaling_0001",
    })),
  };
}

function mounted(inputs: SessionInputs): SessionWire {
  // Resources in the reverse of the declared order, so matching cannot succeed by position.
  const resources: ResourceWire[] = inputs.repositories
    .map((repo, index) => ({ id: `sesr_${index}`, type: "github_repository", url: repo.url, mount_path: repo.mountPath }))
    .reverse();
  return {
    id: "sess_scaling",
    environment_id: inputs.environmentId,
    status: "idle",
    resources,
    vault_ids: [],
    memory_store_ids: [],
    created_at: new Date(0).toISOString(),
  };
}

/** Median over 5 batches of the time per repository, each batch handling about 20,000 repositories. */
function timePerRepository(count: number, step: () => unknown): number {
  step();
  const iterations = Math.max(1, Math.round(20_000 / count));
  const batches = Array.from({ length: 5 }, () => {
    const started = performance.now();
    for (let index = 0; index < iterations; index++) step();
    return ((performance.now() - started) * 1000) / (iterations * count);
  });
  return median(batches);
}

/** Times every step at every repository count. */
export function measureRepositoryScaling(counts: readonly number[] = REPOSITORY_COUNTS): ScalingPoint[] {
  return counts.map((count) => {
    const inputs = declared(count);
    const session = mounted(inputs);
    const outputs = sessionOutputs(inputs, session, session.resources);
    const last = inputs.repositories[count - 1];
    const oneChanged = {
      ...inputs,
      repositories: [...inputs.repositories.slice(0, -1), { ...last, authorizationToken: "ghp_scaling_0002" }],
    };
    const steps: Record<ScalingStep, () => unknown> = {
      check: () => {
        const { failures } = validateInputs(inputs as unknown as Record<string, unknown>);
        if (failures.length > 0) throw new Error(`scaling inputs refused: ${failures[0].reason}`);
      },
      "create request": () => createSessionRequest(inputs),
      "match resources": () => sessionOutputs(inputs, session, session.resources),
      "diff (one token)": () => {
        if (diffSession(outputs, oneChanged).rotations.length !== 1) throw new Error("expected one rotation");
      },
    };
    const microsPerRepository = Object.fromEntries(SCALING_STEPS.map((name) => [name, timePerRepository(count, steps[name])])) as Record<
      ScalingStep,
      number
    >;
    return { repositories: count, microsPerRepository };
  });
}
