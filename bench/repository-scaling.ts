/**
 * The provider's own work for one Session as its repository count grows, through the package's
 * public runtime (`pulumi-qoder/runtime`, what the serialized provider in state loads): validation (`check`) and the diff of a token change (`diff`), both
 * without the engine or HTTP, so the cost per repository shows directly whether either grows
 * faster than the repository count.
 */
import { performance } from "node:perf_hooks";
import type { SessionInputs, SessionState } from "pulumi-qoder";
import { provider } from "pulumi-qoder/runtime";
import { median } from "./stats";

/** Repository counts per Session the steps are timed at. */
const REPOSITORY_COUNTS = [10, 100, 1000];

/** The steps timed, by name. */
export const SCALING_STEPS = ["check", "diff (one token)"] as const;
type ScalingStep = (typeof SCALING_STEPS)[number];

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

/** What the provider stores after creating `inputs`: the inputs with resource ids, and the mounts. */
function stored(inputs: SessionInputs): SessionState {
  const repositories = inputs.repositories.map((repo, index) => ({ ...repo, resourceId: `sesr_${index}` }));
  return {
    ...inputs,
    repositories,
    mounts: repositories.map((repo) => ({ url: repo.url, mountPath: repo.mountPath ?? "", checkout: null, resourceId: repo.resourceId })),
    sessionId: "sess_scaling",
    status: "idle",
    createdAt: new Date(0).toISOString(),
    archivedAt: null,
  };
}

/** Median over 5 batches of the time per repository, each batch handling about 20,000 repositories. */
async function timePerRepository(count: number, step: () => Promise<unknown>): Promise<number> {
  await step();
  const iterations = Math.max(1, Math.round(20_000 / count));
  const batches: number[] = [];
  for (let batch = 0; batch < 5; batch++) {
    const started = performance.now();
    for (let index = 0; index < iterations; index++) await step();
    batches.push(((performance.now() - started) * 1000) / (iterations * count));
  }
  return median(batches);
}

/** Times every step at every repository count. */
export async function measureRepositoryScaling(counts: readonly number[] = REPOSITORY_COUNTS): Promise<ScalingPoint[]> {
  const session = provider("Session");
  const points: ScalingPoint[] = [];
  for (const count of counts) {
    const inputs = declared(count);
    const outputs = stored(inputs);
    const last = inputs.repositories[count - 1];
    const oneChanged = {
      ...inputs,
      repositories: [...inputs.repositories.slice(0, -1), { ...last, authorizationToken: "ghp_scaling_0002" }],
    };
    const steps: Record<ScalingStep, () => Promise<unknown>> = {
      check: async () => {
        const { failures } = await session.check!(inputs, inputs);
        if (failures && failures.length > 0) throw new Error(`scaling inputs refused: ${failures[0].reason}`);
      },
      "diff (one token)": async () => {
        const { changes, replaces } = await session.diff!(outputs.sessionId, outputs, oneChanged);
        if (!changes || (replaces ?? []).length > 0) throw new Error("expected one in-place change");
      },
    };
    const microsPerRepository = {} as Record<ScalingStep, number>;
    for (const step of SCALING_STEPS) microsPerRepository[step] = await timePerRepository(count, steps[step]);
    points.push({ repositories: count, microsPerRepository });
  }
  return points;
}
