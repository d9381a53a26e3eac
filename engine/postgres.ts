import { type ChildProcess, execFile, spawn } from "node:child_process";
import { appendFileSync, chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { killTree } from "./process-tree";

const execFileAsync = promisify(execFile);

/** A throwaway PostgreSQL server on 127.0.0.1, for one test. */
export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>?sslmode=disable`, as `PULUMI_BACKEND_URL` takes it. */
  url: string;
  /** Runs `sql` with psql against the test database; returns its unaligned, tuples-only output. */
  psql(sql: string): Promise<string>;
  /** Stops the server (waiting until its processes are gone) and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** The owner of the server's processes and files when the test runs as root (PostgreSQL refuses to run as root). */
const SERVER_USER = "postgres";
const SUPERUSER = "postgres";
const SERVER_BINARIES = ["initdb", "pg_ctl", "postgres", "psql"] as const;

/** The newest /usr/lib/postgresql/<version>/bin holding every binary the server needs (Debian's layout). */
function serverBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a)) : [];
  for (const version of versions) {
    const bin = join(root, version, "bin");
    if (SERVER_BINARIES.every((name) => existsSync(join(bin, name)))) return bin;
  }
  throw new Error(`no PostgreSQL server under ${root}/<version>/bin; install Debian's postgresql package (.ci/run does)`);
}

/** A port nothing listens on at the moment, picked by the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** uid and gid of the server user, created as a system user when missing. */
async function serverUser(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) => Number((await execFileAsync("id", [flag, SERVER_USER])).stdout.trim());
  try {
    return { uid: await id("-u"), gid: await id("-g") };
  } catch {
    await execFileAsync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER]);
    return { uid: await id("-u"), gid: await id("-g") };
  }
}

/**
 * Starts a PostgreSQL server for a test: a fresh data directory in a temporary folder, listening on
 * 127.0.0.1 only (no Unix socket) on a free port, trusting local connections, with one database.
 * As root, every server command runs as the `postgres` system user (`runuser`), which owns the folder.
 * The server is a child of this process (not daemonized by pg_ctl), so its exit is reaped here.
 * If anything fails on the way, what was started is stopped and the folder deleted.
 */
export async function startPostgres(options: { database?: string } = {}): Promise<RunningPostgres> {
  const bin = serverBinDir();
  const database = options.database ?? "pulumi";
  const dir = mkdtempSync(join(tmpdir(), "pulumi-qoder-pg-"));
  const dataDir = join(dir, "data");
  const logFile = join(dir, "server.log");
  const env = { ...process.env, LC_ALL: "C" };
  let port = 0;
  let server: { child: ChildProcess; alive: boolean; exited: Promise<void> } | undefined;
  let stopped = false;

  const command = (name: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", SERVER_USER, "--", join(bin, name), ...args]] : [join(bin, name), args];
  const run = async (name: string, args: string[]) => {
    try {
      return (await execFileAsync(...command(name, args), { cwd: dir, env, maxBuffer: 256 * 1024 * 1024 })).stdout;
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`${name} ${args.join(" ")} failed: ${stderr?.trim() || (error as Error).message}`);
    }
  };
  const psql = (sql: string, db = database) =>
    run("psql", ["-X", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", String(port), "-U", SUPERUSER, "-d", db, "-c", sql]);
  const running = () => server?.alive === true;
  const serverLog = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");

  /** Launches the server and waits until it answers; false if it exited first. */
  const launch = async (): Promise<boolean> => {
    const log = openSync(logFile, "a");
    const child = spawn(...command("postgres", ["-D", dataDir]), { cwd: dir, env, stdio: ["ignore", log, log] });
    closeSync(log);
    const launched: NonNullable<typeof server> = { child, alive: true, exited: Promise.resolve() };
    launched.exited = new Promise<void>((resolve) => {
      const gone = () => {
        launched.alive = false;
        resolve();
      };
      child.once("exit", gone);
      child.once("error", gone); // runuser or postgres could not be started
    });
    server = launched;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
      if (!running()) return false;
      try {
        await psql("SELECT 1", "postgres");
        return true;
      } catch {
        // Not accepting connections yet.
      }
    }
    throw new Error(`PostgreSQL did not accept connections within 60 s:\n${serverLog()}`);
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      if (server && running()) {
        const { child, exited } = server;
        try {
          // Fast shutdown: pg_ctl waits until the postmaster, the last of the server's processes, is gone.
          await run("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"]);
        } catch {
          // Not stopped in time, or not started far enough for pg_ctl: kill runuser and everything under it.
          if (child.pid !== undefined) await killTree(child.pid);
        }
        await exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    if (asRoot) {
      const { uid, gid } = await serverUser();
      chownSync(dir, uid, gid);
    }
    await run("initdb", [
      "-D",
      dataDir,
      "-U",
      SUPERUSER,
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
      "--no-instructions",
    ]);
    // initdb's pg_hba.conf trusts local connections (Unix socket, 127.0.0.1/32 and ::1/128) and
    // nothing else; the server listens on 127.0.0.1 alone and makes no Unix socket.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const settings = ["listen_addresses = '127.0.0.1'", `port = ${port}`, "unix_socket_directories = ''"];
      // A throwaway server: durability is not needed.
      settings.push("fsync = off", "synchronous_commit = off", "full_page_writes = off");
      appendFileSync(join(dataDir, "postgresql.conf"), `\n# throwaway test server\n${settings.join("\n")}\n`);
      if (await launch()) break;
      // Another process may have taken the port between the probe and the server binding it.
      const log = serverLog();
      if (attempt >= 3 || !/could not (bind|create listen socket)/i.test(log)) throw new Error(`PostgreSQL exited on start:\n${log}`);
    }
    await psql(`CREATE DATABASE "${database}"`, "postgres");
  } catch (error) {
    await stop();
    throw error;
  }

  return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}?sslmode=disable`, psql: (sql) => psql(sql), stop };
}
