import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool } from "undici";
import { collectProbeCounts } from "../measure/probe-files";
import { installProbe } from "../measure/provider-probe";
import { measureRepositoryScaling, SCALING_STEPS } from "../repository-scaling";

describe("provider probe", () => {
  let server: Server;
  let directory: string;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    directory = mkdtempSync(join(tmpdir(), "bench-probe-"));
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(directory, { recursive: true, force: true });
  });

  it("counts the connections undici opens and the requests it sends, from its diagnostics channels", async () => {
    const stop = installProbe(directory);
    expect(collectProbeCounts(directory)).toEqual([{ pid: process.pid, connections: 0, requests: 0 }]);
    const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 1 });
    for (let index = 0; index < 3; index++) {
      const response = await pool.request({ method: "GET", path: `/sessions/${index}` });
      await response.body.text();
    }
    await pool.close();
    stop(); // writes what was counted, as the provider process does on exit
    expect(collectProbeCounts(directory)).toEqual([{ pid: process.pid, connections: 1, requests: 3 }]);
  });
});

describe("repository scaling", () => {
  it("times check and a one-token diff through the public SessionProvider", async () => {
    const [point] = await measureRepositoryScaling([10]);
    expect(point.repositories).toBe(10);
    for (const step of SCALING_STEPS) expect(point.microsPerRepository[step]).toBeGreaterThan(0);
  });
});
