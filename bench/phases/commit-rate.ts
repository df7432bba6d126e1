// Postgres's single-row commit rate at 32 clients on this machine, in this run: the ceiling any
// one-transaction-per-alert intake shares. pgbench when a binary is found (PATH or
// /usr/lib/postgresql/*/bin), else a node loop of autocommit INSERTs at the same concurrency.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { withAdmin } from "../../test/helpers/db";
import { testServerUrl, withDatabase } from "../../test/helpers/postgres";

const run = promisify(execFile);

export function findPgbench(): string | undefined {
  const candidates = [...(process.env.PATH ?? "").split(":").map((d) => path.join(d, "pgbench"))];
  if (fs.existsSync("/usr/lib/postgresql"))
    for (const v of fs.readdirSync("/usr/lib/postgresql").sort().reverse()) candidates.push(`/usr/lib/postgresql/${v}/bin/pgbench`);
  return candidates.find((c) => fs.existsSync(c));
}

export interface CommitRate {
  commitsPerSecond: number;
  tool: string;
}

export async function commitRate(clients: number, seconds: number): Promise<CommitRate> {
  const name = `vigil_bench_commits_${process.pid}`;
  await withAdmin((a) => a.query(`drop database if exists "${name}"`).then(() => a.query(`create database "${name}"`)));
  const url = withDatabase(await testServerUrl(), name);
  try {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query("create table commits (id bigserial primary key, v int not null)");
    await setup.end();
    const pgbench = findPgbench();
    if (pgbench) {
      const script = path.join(os.tmpdir(), `vigil-bench-${process.pid}.sql`);
      fs.writeFileSync(script, "insert into commits (v) values (1);\n");
      const u = new URL(url);
      const { stdout } = await run(
        pgbench,
        ["-n", "-c", String(clients), "-j", String(Math.min(clients, os.availableParallelism())), "-T", String(seconds), "-f", script, "-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username) || "postgres", name],
        { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) }, timeout: (seconds + 30) * 1000 },
      );
      fs.rmSync(script, { force: true });
      const tps = /tps = ([\d.]+)/.exec(stdout);
      if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
      return { commitsPerSecond: Math.round(Number(tps[1])), tool: `pgbench (${pgbench}), ${clients} clients, single-row INSERT per transaction` };
    }
    const pool = new pg.Pool({ connectionString: url, max: clients });
    let n = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < end) {
          await pool.query("insert into commits (v) values (1)");
          n++;
        }
      }),
    );
    await pool.end();
    return { commitsPerSecond: Math.round(n / seconds), tool: `node pg loop (no pgbench found), ${clients} connections, single-row INSERT per transaction` };
  } finally {
    await withAdmin((a) => a.query(`drop database if exists "${name}" with (force)`));
  }
}
