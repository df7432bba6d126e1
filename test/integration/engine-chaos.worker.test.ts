// Chaos: 200+ runs (steps with side effects, sleeps, a retried step, approvals decided by this
// test) on two real worker processes that are kill -9'ed at random moments and restarted. Every
// run must reach its final state, no completed step may run again (each side effect is counted by
// idempotency key in chaos_effects), and no job may be left locked, failed or overdue.
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, playbookRuns } from "@/server/db/schema";
import { decideApproval } from "@/server/engine/approvals";
import { loadExtraPlaybooks } from "@/server/engine/extra-playbooks";
import { syncPlaybooks } from "@/server/engine/sync-playbooks";
import { startRun } from "@/server/engine/runs";
import type { ChaosInput } from "../fixtures/engine/chaos/chaos-flow";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { spawnWorkerProcess, type WorkerProcess } from "../helpers/worker-process";

const RUNS = 210;
const KILLS = 6;
const DEADLINE_MS = 110_000;
const FIXTURE = path.resolve("test/fixtures/engine/chaos/chaos-flow.ts");

let t: TestDatabase;
const workers: WorkerProcess[] = [];
const spawnWorker = () =>
  spawnWorkerProcess({ DATABASE_URL: t.url, VIGIL_EXTRA_PLAYBOOKS: FIXTURE, VIGIL_WORKER_CONCURRENCY: "8", VIGIL_WORKER_HEARTBEAT_MS: "400", VIGIL_WORKER_STALE_MS: "2500" });

beforeAll(async () => {
  t = await createTestDatabase("chaos");
  await t.db.execute(sql`create table chaos_effects (key text primary key, calls int not null, first_at timestamptz not null default clock_timestamp(), last_at timestamptz not null default clock_timestamp())`);
  await t.db.execute(sql`create table chaos_violations (key text not null, at timestamptz not null default clock_timestamp())`);
  await loadExtraPlaybooks(FIXTURE);
  await syncPlaybooks(t.db);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill9()));
  await t.drop();
});

const rand = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function inputFor(i: number): ChaosInput {
  return { napMs: rand(100, 900), gated: i % 2 === 0, reject: i % 10 === 0, flaky: i % 5 === 1 };
}

/** Decides every pending approval as the run's input says, until stopped. */
function approverLoop(manager: { id: string; role: "manager" }, inputs: Map<string, ChaosInput>, stop: () => boolean) {
  return (async () => {
    while (!stop()) {
      const pending = await t.db.select().from(approvals).where(sql`${approvals.status} = 'pending'`).catch(() => []);
      for (const a of pending) {
        const reject = inputs.get(a.runId)?.reject ?? false;
        await t.db
          .transaction((tx) => decideApproval(tx, manager, { approvalId: a.id, decision: reject ? "reject" : "approve", reason: reject ? "chaos says no" : undefined, paramsHash: a.paramsHash }))
          .catch(() => undefined);
      }
      await sleep(150);
    }
  })();
}

/** Kills a random worker with SIGKILL every few seconds and starts a new one. */
async function chaosLoop(kills: number[]) {
  for (let k = 0; k < KILLS; k++) {
    await sleep(rand(1_500, 4_000));
    const i = rand(0, workers.length);
    await workers[i]!.kill9();
    kills.push(Date.now());
    await sleep(rand(0, 1_200));
    workers[i] = spawnWorker();
  }
}

async function unfinished(runIds: string[]): Promise<number> {
  const rows = await t.db.select({ status: playbookRuns.status }).from(playbookRuns).where(inArray(playbookRuns.id, runIds));
  return rows.filter((r) => !["succeeded", "failed", "cancelled"].includes(r.status)).length;
}

describe("chaos: kill -9 of worker processes during runs", () => {
  it("finishes every run exactly once per completed step", { timeout: 150_000 }, async () => {
    const started = Date.now();
    const manager = { ...(await seedUser(t.db, "manager")), role: "manager" as const };
    const inputs = new Map<string, ChaosInput>();
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < RUNS; i++) {
        const input = inputFor(i);
        inputs.set(await startRun(tx, { playbookId: "chaos-flow", input: { ...input }, actor: "test" }), input);
      }
    });
    const runIds = [...inputs.keys()];
    workers.push(spawnWorker(), spawnWorker());
    let done = false;
    const approver = approverLoop(manager, inputs, () => done);
    const kills: number[] = [];
    const chaos = chaosLoop(kills);

    while ((await unfinished(runIds)) > 0 && Date.now() - started < DEADLINE_MS) await sleep(500);
    await chaos;
    while ((await unfinished(runIds)) > 0 && Date.now() - started < DEADLINE_MS + 20_000) await sleep(500);
    done = true;
    await approver;
    const left = await unfinished(runIds);
    if (left > 0) console.error(`chaos: ${left} runs unfinished; worker logs:\n${workers.map((w) => w.log()).join("\n---\n")}`);
    expect(left).toBe(0);
    expect(kills).toHaveLength(KILLS);

    // Final states match what each run was asked to do.
    const runs = await t.db.select().from(playbookRuns).where(inArray(playbookRuns.id, runIds));
    const wrong = runs.filter((r) => r.status !== "succeeded" || (r.output as { approved: boolean }).approved === (inputs.get(r.id)!.gated && inputs.get(r.id)!.reject));
    expect(wrong.map((r) => [r.id, r.status, r.error, r.output])).toEqual([]);

    // No completed step ran again: every journaled step has its effect, called at most once per
    // attempt, never after the step was recorded as done; the vendor never saw a completed step.
    expect((await t.db.execute(sql`select * from chaos_violations`)).rows).toEqual([]);
    const bad = await t.db.execute(sql`
      select s.run_id, s.name, s.attempt, e.calls from run_steps s left join chaos_effects e on e.key = s.run_id || ':' || s.name
       where s.kind = 'step' and (s.status <> 'succeeded' or e.key is null or e.calls > s.attempt or e.last_at > s.finished_at)`);
    expect(bad.rows).toEqual([]);
    const orphans = await t.db.execute(sql`select key from chaos_effects e where not exists (select 1 from run_steps s where e.key = s.run_id || ':' || s.name)`);
    expect(orphans.rows).toEqual([]);
    expect((await t.db.execute(sql`select count(*)::int as n from approvals where status = 'pending'`)).rows[0]).toEqual({ n: 0 });

    // No job stuck: nothing locked, nothing failed for good, nothing overdue.
    await sleep(1_500);
    const jobs = await t.db.execute<{ locked: number; dead: number; overdue: number }>(sql`
      select count(*) filter (where locked_at is not null)::int as locked,
             count(*) filter (where attempts >= max_attempts)::int as dead,
             count(*) filter (where locked_at is null and run_at < now() - interval '3 seconds')::int as overdue
        from graphile_worker.jobs`);
    expect(jobs.rows[0]).toEqual({ locked: 0, dead: 0, overdue: 0 });
    const replays = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from chaos_effects where calls > 1 and key not like '%:enrich'`);
    const steps = await t.db.execute<{ steps: number; effects: number }>(sql`
      select (select count(*) from run_steps where kind = 'step')::int as steps, (select coalesce(sum(calls), 0) from chaos_effects)::int as effects`);
    const approved = runs.filter((r) => (r.output as { approved: boolean }).approved).length;
    console.log(
      `checked: ${RUNS} runs (steps, sleeps, retries, approvals) on 2 worker processes with ${KILLS} kill -9s; ` +
        `found: all ${runs.length} succeeded (${approved} contained, ${runs.length - approved} declined) in ${Math.round((Date.now() - started) / 1000)} s, ` +
        `${steps.rows[0]!.steps} journaled steps, ${steps.rows[0]!.effects} vendor calls, 0 calls after a step was recorded done, ` +
        `${replays.rows[0]!.n} steps interrupted mid-call by a kill and run again (never after completing), 0 jobs locked/failed/overdue`,
    );
  });
});
