import { summariseRuns } from "../aggregate";
import { compare } from "../analysis";
import { latencyFloorRatio, minimumRequests } from "../measure/request-minimum";
import { NoopSessionProvider } from "../noop/provider";
import { parseOptions } from "../options";
import { evaluateTargets, superlinear } from "../targets";

const shape = { sessions: 100, rotatedTokensPerSession: 2 };

describe("benchmark request minimum", () => {
  it("counts one create, one read (the Session carries its resources), one rotation per changed token, one update and one delete per Session", () => {
    expect(minimumRequests("up", shape)).toBe(100);
    expect(minimumRequests("preview", shape)).toBe(0);
    expect(minimumRequests("refresh", shape)).toBe(100);
    expect(minimumRequests("rotate", shape)).toBe(200);
    expect(minimumRequests("retitle", shape)).toBe(100);
    expect(minimumRequests("destroy", shape)).toBe(100);
  });
});

describe("benchmark latency floor", () => {
  it("adds one latency per round of `parallelism` Sessions to the no-op time", () => {
    // 100 creates, 8 at a time: 13 rounds of 50 ms on top of 10 s.
    expect(latencyFloorRatio("up", 100, 50, 8, 10_000)).toBeCloseTo(10.65 / 10, 6);
    expect(latencyFloorRatio("preview", 100, 50, 8, 10_000)).toBe(1);
    expect(latencyFloorRatio("destroy", 100, 0, 8, 10_000)).toBe(1);
  });
});

describe("benchmark growth rule", () => {
  const growth = (marginal: number[], unit = "ms") => ({
    subject: "x",
    unit,
    points: [],
    marginal,
    growth: marginal[marginal.length - 1] / marginal[0],
  });

  it("flags a per-Session cost that rises with N, and not one that stays flat or is within noise", () => {
    expect(superlinear(growth([10, 40]))).toBe(true);
    expect(superlinear(growth([10, 12]))).toBe(false);
    expect(superlinear(growth([0.5, 2]))).toBe(false);
  });
});

describe("benchmark options", () => {
  it("by default times up, an unchanged preview, refresh and a token rotation of 100 Sessions at 50 ms, 3 runs", () => {
    const options = parseOptions([], {});
    if (options === "help") throw new Error("unexpected help");
    expect(options.full).toBe(false);
    expect(options.sizes).toEqual([100]);
    expect(options.latencies).toEqual([50]);
    expect(options.runs(100)).toBe(3);
    expect(options.operations(100)).toEqual(["up", "preview", "refresh", "rotate"]);
  });

  it("with --full, times only up, preview, refresh and destroy at 1,000 Sessions unless asked for all", () => {
    const options = parseOptions(["--full"], {});
    if (options === "help") throw new Error("unexpected help");
    expect(options.sizes).toEqual([10, 100, 1000]);
    expect(options.latencies).toEqual([0, 50]);
    expect(options.operations(100)).toEqual(["up", "preview", "refresh", "rotate", "retitle", "destroy"]);
    expect(options.operations(1000)).toEqual(["up", "preview", "refresh", "destroy"]);
    const all = parseOptions(["--full", "--all-large", "--sizes", "1000"], {});
    if (all === "help") throw new Error("unexpected help");
    expect(all.operations(1000)).toHaveLength(6);
    const quick = parseOptions(["--full", "--quick"], {});
    if (quick === "help") throw new Error("unexpected help");
    expect(quick.sizes).toEqual([10, 100]);
  });

  it("names the option and what it expects on bad values", () => {
    expect(() => parseOptions(["--sizes", "10,x"], {})).toThrow(/--sizes must be a comma-separated list of whole numbers/);
    expect(() => parseOptions(["--runs", "0"], {})).toThrow(/--runs must be a whole number ≥ 1/);
    expect(() => parseOptions(["--nope", "1"], {})).toThrow(/unknown option --nope/);
  });
});

describe("no-op provider (the benchmark's floor)", () => {
  const inputs = {
    __owner: "p/s/a",
    agent: "agent_1",
    environmentId: "env_1",
    title: "t",
    repositories: [{ url: "https://github.com/acme/backend", mountPath: "/data/workspace/backend", authorizationToken: "ghp_a" }],
  };

  it("stores outputs of the Session's shape and sees no change when nothing changed", async () => {
    const provider = new NoopSessionProvider();
    const { id, outs } = await provider.create(inputs);
    expect(outs).toMatchObject({ sessionId: id, status: "idle", archivedAt: null });
    expect(outs.mounts).toEqual([
      { url: inputs.repositories[0].url, mountPath: "/data/workspace/backend", checkout: null, resourceId: "sesr_noop_0" },
    ]);
    expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  });

  it("sees a change of a token or a title", async () => {
    const provider = new NoopSessionProvider();
    const { id, outs } = await provider.create(inputs);
    const rotated = { ...inputs, repositories: [{ ...inputs.repositories[0], authorizationToken: "ghp_b" }] };
    expect((await provider.diff(id, outs, rotated)).changes).toBe(true);
    expect((await provider.diff(id, outs, { ...inputs, title: "u" })).changes).toBe(true);
  });
});

describe("benchmark comparison", () => {
  const sample = (operation: "up", wallMs: number, cli: number, provider: number) => ({
    operation,
    wallMs,
    usage: { peakRssBytes: 1, peakRssByRole: {}, cpuSecondsByRole: { cli, provider }, backgroundCpuSeconds: 0, samples: 1 },
    requests: { total: 0, byKind: {}, failed: 0 },
    connections: 0,
    providerProcesses: [],
    changes: {},
  });
  const run = (variant: "noop" | "provider", number: number, wallMs: number) => ({
    variant,
    sessions: 100,
    latencyMs: 50,
    run: number,
    transport: "stack" as const,
    providerBuild: { start: "x", end: "x" },
    operations: [sample("up", wallMs, wallMs / 1000, 0.1)],
  });

  it("pairs each provider run with the no-op run measured beside it, so one disturbed run counts once", () => {
    // Run 2 is slow for both; in run 3 the machine slowed down between the two measurements.
    const runs = [
      run("noop", 1, 1000),
      run("provider", 1, 1050),
      run("noop", 2, 2000),
      run("provider", 2, 2100),
      run("noop", 3, 1100),
      run("provider", 3, 2000),
    ];
    const comparison = compare(summariseRuns(runs as never), runs as never, 8).find((c) => c.operation === "up")!;
    expect(comparison.pairedTimeRatio).toBeCloseTo(1.05, 6);
    expect(comparison.pairedRatios.map((value) => value.toFixed(4))).toEqual(["1.0500", "1.0500", (2000 / 1100).toFixed(4)]);
    expect(comparison.timeRatio).toBeCloseTo(2000 / 1100, 6);
    expect(comparison.latencyFloorRatio).toBeCloseTo((1100 + 13 * 50) / 1100, 6);
  });
});

describe("benchmark pool target", () => {
  const run = (requests: number, processes: { connections: number; requests: number }[]) => ({
    variant: "provider" as const,
    sessions: 100,
    latencyMs: 50,
    run: 1,
    transport: "stack" as const,
    providerBuild: { start: "x", end: "x" },
    operations: [
      {
        operation: "refresh" as const,
        wallMs: 1000,
        usage: { peakRssBytes: 1, peakRssByRole: {}, cpuSecondsByRole: {}, backgroundCpuSeconds: 0, samples: 1 },
        requests: { total: requests, byKind: {}, failed: 0 },
        connections: 16,
        providerProcesses: processes.map((counts, index) => ({ pid: index + 1, ...counts })),
        changes: {},
      },
    ],
  });
  const poolTarget = (runs: ReturnType<typeof run>[]) =>
    evaluateTargets(summariseRuns(runs as never), [], [], []).find((target) => target.target.startsWith("one provider process"));

  it("is met by one provider process with at most 16 connections that sent every request the emulator saw", () => {
    expect(poolTarget([run(200, [{ connections: 16, requests: 200 }])])?.met).toBe(true);
  });

  it("is missed by a second provider process, more connections, or requests the provider processes did not send", () => {
    expect(
      poolTarget([
        run(200, [
          { connections: 8, requests: 100 },
          { connections: 8, requests: 100 },
        ]),
      ])?.met,
    ).toBe(false);
    expect(poolTarget([run(200, [{ connections: 17, requests: 200 }])])?.met).toBe(false);
    expect(poolTarget([run(200, [{ connections: 16, requests: 150 }])])?.met).toBe(false);
  });
});
