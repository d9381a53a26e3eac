import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseCliArguments, parseFaultSpec } from "../../emulator/cli-arguments";

describe("standalone command", () => {
  test("flags become emulator options", () => {
    const options = parseCliArguments(
      ["--port", "8123", "--token", "pt-a", "--token", "pt-b", "--latency-ms", "20", "--seed", "9", "--fault", "503:0.25:POST /sessions"],
      {},
    );

    expect(options).toEqual({
      port: 8123,
      tokens: ["pt-a", "pt-b"],
      latencyMs: 20,
      seed: 9,
      faults: [{ kind: "503", probability: 0.25, route: "POST /sessions" }],
    });
  });

  test("the token defaults to QODER_ACCESS_TOKEN, then to test-token", () => {
    expect(parseCliArguments([], { QODER_ACCESS_TOKEN: "pt-env" })).toMatchObject({ tokens: ["pt-env"] });
    expect(parseCliArguments([], {})).toMatchObject({ tokens: ["test-token"] });
  });

  test("fault specs: latency takes =<ms>; bad specs are refused", () => {
    expect(parseFaultSpec("latency=250:0.5:GET /sessions/*")).toEqual({
      kind: "latency",
      probability: 0.5,
      delayMs: 250,
      route: "GET /sessions/*",
    });
    expect(() => parseFaultSpec("teapot:1")).toThrow(/unknown kind/);
    expect(() => parseFaultSpec("503")).toThrow(/kind:probability/);
    expect(() => parseFaultSpec("503:1.5")).toThrow(/between 0 and 1/);
    expect(() => parseCliArguments(["--port", "http"], {})).toThrow(/--port/);
  });

  test("the command prints its base URL, serves with its faults, and exits on SIGTERM", async () => {
    const root = path.resolve(__dirname, "../..");
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--token", "pt-cli", "--fault", "503:1:GET /sessions/*"],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      const [url] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/cloud$/);
      const headers = { authorization: "Bearer pt-cli" };

      expect((await fetch(`${url}/sessions`, { headers })).status).toBe(200);
      expect((await fetch(`${url}/sessions/sess_x`, { headers })).status).toBe(503);
      expect((await fetch(`${url}/sessions`, { headers: { authorization: "Bearer test-token" } })).status).toBe(401);

      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
