// Postgres restarts under running playbooks: a dedicated embedded Postgres (own temp dir, free
// port; never the shared servers) is stopped and started again while a real worker process runs
// 40 runs with steps, sleeps and retries. The worker reconnects by itself, every run finishes, no
// completed step runs again, and no job is left locked.
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { loadExtraPlaybooks } from "@/server/engine/extra-playbooks";
import { syncPlaybooks } from "@/server/engine/sync-playbooks";
import { startTestRun } from "../helpers/engine";
import { startOwnPostgres, type OwnPostgres } from "../helpers/postgres";
import { spawnWorkerProcess, type WorkerProcess } from "../helpers/worker-process";

const FIXTURE = path.resolve("test/fixtures/engine/chaos/chaos-flow.ts");
const RUNS = 40;

let pg: OwnPostgres;
let db: Db;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  pg = await startOwnPostgres("pg-restart");
  db = createDb(pg.url, { max: 3 });
  await db.execute(sql`create table chaos_effects (key text primary key, calls int not null, first_at timestamptz not null default clock_timestamp(), last_at timestamptz not null default clock_timestamp())`);
  await db.execute(sql`create table chaos_violations (key text not null, at timestamptz not null default clock_timestamp())`);
  await loadExtraPlaybooks(FIXTURE);
  await syncPlaybooks(db);
});
afterAll(async () => {
  await worker?.kill9();
  await db?.$client.end().catch(() => undefined);
  await pg?.remove();
});

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const scalar = async (query: ReturnType<typeof sql>) => Number(Object.values((await db.execute(query)).rows[0]!)[0]);

describe("Postgres restart during runs", () => {
  it("the worker reconnects and every run finishes", { timeout: 120_000 }, async () => {
    for (let i = 0; i < RUNS; i++) await startTestRun(db, "chaos-flow", { input: { napMs: 1_500, gated: false, reject: false, flaky: i % 4 === 0 } });
    worker = spawnWorkerProcess({ DATABASE_URL: pg.url, VIGIL_EXTRA_PLAYBOOKS: FIXTURE, VIGIL_WORKER_CONCURRENCY: "6", VIGIL_WORKER_HEARTBEAT_MS: "500", VIGIL_WORKER_STALE_MS: "3000" });
    expect(await until(async () => (await scalar(sql`select count(*) from run_steps where status = 'succeeded'`)) >= 20, 40_000)).toBe(true);

    await pg.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    await pg.start();
    const restartedAt = Date.now();

    const finished = await until(async () => (await scalar(sql`select count(*) from playbook_runs where status in ('succeeded', 'failed', 'cancelled')`)) === RUNS, 60_000);
    const { rows: states } = await db.execute(sql`select status, error, count(*)::int as n from playbook_runs group by 1, 2`);
    const finishedAt = Date.now();
    if (!finished) console.error(`worker log:\n${worker.log()}`);
    expect(finished, JSON.stringify(states)).toBe(true);
    expect(states).toEqual([{ status: "succeeded", error: null, n: RUNS }]);
    expect((await db.execute(sql`select * from chaos_violations`)).rows).toEqual([]);
    const bad = await db.execute(sql`
      select s.run_id, s.name from run_steps s left join chaos_effects e on e.key = s.run_id || ':' || s.name
       where s.kind = 'step' and (e.key is null or e.calls > s.attempt or e.last_at > s.finished_at)`);
    expect(bad.rows).toEqual([]);
    expect(await until(async () => (await scalar(sql`select count(*) from graphile_worker.jobs where locked_at is not null or run_at < now() - interval '3 seconds'`)) === 0, 15_000)).toBe(true);
    const steps = await scalar(sql`select count(*) from run_steps where kind = 'step'`);
    console.log(
      `checked: ${RUNS} runs on a worker process while its Postgres was stopped and started; ` +
        `found: all ${RUNS} succeeded ${Math.round((finishedAt - restartedAt) / 1000)} s after Postgres came back, ${steps} journaled steps, 0 run again after completing, 0 jobs left locked or overdue`,
    );
  });
});
