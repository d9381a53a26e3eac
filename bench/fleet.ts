/**
 * The Sessions a benchmark stack declares: `count` Sessions with three repositories each, in the
 * stack-config shape both benchmark programs read (`<project>:sessions` plus secret token keys).
 */

/** One repository entry of the `sessions` config value. */
interface BenchRepository {
  url: string;
  mountPath: string;
  tokenKey: string;
}

/** One entry of the `sessions` config value. */
export interface BenchSession {
  name: string;
  agent: string;
  environmentId: string;
  title: string;
  metadata: Record<string, string>;
  repositories: BenchRepository[];
}

/** Secret config keys holding GitHub tokens, and which repositories use them. */
export const TOKEN_KEYS = { shared: "githubToken", docs: "docsToken" } as const;

/** Tokens that change per Session in the token-rotation step (the two repositories on the shared key). */
export const ROTATED_TOKENS_PER_SESSION = 2;

const AGENT = "agent_019e390add9f7bac9b6cc806db46fcbd";
const ENVIRONMENT = "env_019e2590d33f711fabf42f2857cecd8a";
const REPOSITORIES: BenchRepository[] = [
  { url: "https://github.com/acme/backend", mountPath: "/data/workspace/backend", tokenKey: TOKEN_KEYS.shared },
  { url: "https://github.com/acme/frontend", mountPath: "/data/workspace/frontend", tokenKey: TOKEN_KEYS.shared },
  { url: "https://github.com/acme/docs", mountPath: "/data/workspace/docs", tokenKey: TOKEN_KEYS.docs },
];

/**
 * `count` Sessions. `titleRevision` goes into every title, so raising it changes each Session's
 * title (and nothing else).
 */
export function benchSessions(count: number, titleRevision = 1): BenchSession[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(4, "0");
    return {
      name: `bench-${number}`,
      agent: AGENT,
      environmentId: ENVIRONMENT,
      title: `Bench session ${number} rev ${titleRevision}`,
      metadata: { suite: "bench" },
      repositories: REPOSITORIES.map((repo) => ({ ...repo })),
    };
  });
}

/** The GitHub token values for a given rotation round of the shared key. */
export function benchTokens(rotation = 0): Record<string, string> {
  return {
    [TOKEN_KEYS.shared]: `ghp_bench_shared_${String(rotation).padStart(4, "0")}_7c1e9a2b`,
    [TOKEN_KEYS.docs]: "ghp_bench_docs_3f5d8e6a",
  };
}
