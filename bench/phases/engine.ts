// Engine latencies and overhead, each against a bare graphile-worker runner in this same process
// (same concurrency, same Postgres):
// - alert_to_first_step_ms: webhook answered 202 → the first ctx.step body of the run it started
//   begins (alerts sent one at a time, each opening a new case, so nothing queues);
//   raw_enqueue_to_start_ms: add_job committed → a bare task starts.
// - step_overhead_ratio: N runs of a 10-step playbook vs N×10 bare jobs doing the same work.
// - approval_resume_ms: the decision's transaction committed → the step after ctx.approval begins.
import http from "node:http";
import { Logger, run, type Runner } from "graphile-worker";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { approvals, users } from "@/server/db/schema";
import { decideApproval } from "@/server/engine/approvals";
import { startRun } from "@/server/engine/runs";
import { postOnce } from "../load";
import { marks, stepWork } from "../playbooks";
import { percentiles, sleep, waitUntil, type Percentiles } from "../stats";
import { createBenchSource, detection, signedRequest } from "./ingest";

const silent = new Logger(() => () => undefined);
/** Unmeasured first rounds: module loading, connection set-up and plan caching are not latency. */
const WARMUP = 3;

/** A bare graphile-worker runner: the baseline for every engine figure. */
export class BareRunner {
  started = new Map<number, number>();
  bareDone = 0;
  private runner?: Runner;
  constructor(private readonly db: Db) {}

  async start(connectionString: string, concurrency: number): Promise<void> {
    this.runner = await run({
      connectionString,
      concurrency,
      noHandleSignals: true,
      crontab: "",
      logger: silent,
      taskList: {
        "bench.latency": async (payload) => void this.started.set((payload as { i: number }).i, performance.now()),
        "bench.bare": async () => {
          stepWork();
          this.bareDone++;
        },
        "bench.raw": async () => undefined,
      },
    });
  }

  stop = () => this.runner?.stop();

  /** raw_enqueue_to_start_ms: one job at a time, committed by a single-statement transaction. */
  async enqueueToStart(count: number, timeoutMs: number): Promise<Percentiles> {
    const samples: number[] = [];
    const deadline = Date.now() + timeoutMs;
    for (let i = -WARMUP; i < count && Date.now() < deadline; i++) {
      await this.db.$client.query("select graphile_worker.add_job('bench.latency', json_build_object('i', $1::int))", [i]);
      const t0 = performance.now();
      if ((await waitUntil(() => this.started.has(i), 2_000, 1)) && i >= 0) samples.push(this.started.get(i)! - t0);
      await sleep(10);
    }
    return percentiles(samples);
  }

  /** Milliseconds to run `jobs` bare jobs enqueued in one transaction. */
  async drainBare(jobs: number, timeoutMs: number): Promise<number> {
    this.bareDone = 0;
    const t0 = performance.now();
    await this.db.$client.query("select graphile_worker.add_job('bench.bare', json_build_object('i', g)) from generate_series(1, $1::int) g", [jobs]);
    if (!(await waitUntil(() => this.bareDone >= jobs, timeoutMs, 2))) throw new Error(`bare jobs: ${this.bareDone}/${jobs} done in ${timeoutMs} ms`);
    return performance.now() - t0;
  }
}

export async function alertToFirstStep(db: Db, url: string, count: number, timeoutMs: number): Promise<Percentiles & { missing: number }> {
  const source = await createBenchSource(db, "bench-latency");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(url);
  const samples: number[] = [];
  let missing = 0;
  const deadline = Date.now() + timeoutMs;
  try {
    for (let i = -WARMUP; i < count && Date.now() < deadline; i++) {
      // A user of its own: the alert opens a new case, which starts alert-summary.
      const res = await postOnce(agent, base, signedRequest(source, detection("lat", i, `latency-user-${i}`)));
      const t0 = performance.now();
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${res.body.slice(0, 200)}`);
      const alertId = (JSON.parse(res.body) as { alertIds: string[] }).alertIds[0]!;
      const started = await waitUntil(() => marks.firstStep.has(alertId), 3_000, 1);
      if (i < 0) continue;
      if (started) samples.push(marks.firstStep.get(alertId)! - t0);
      else missing++;
      await sleep(10);
    }
  } finally {
    agent.destroy();
  }
  return { ...percentiles(samples), missing };
}

/** Milliseconds for `runs` ten-step runs started in one transaction to all succeed. */
export async function drainTenStepRuns(db: Db, runs: number, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  const ids = await db.transaction(async (tx) => {
    const out: string[] = [];
    for (let i = 0; i < runs; i++) out.push(await startRun(tx, { playbookId: "bench-ten-steps", actor: "bench" }));
    return out;
  });
  const done = async () => {
    const { rows } = await db.$client.query<{ n: number }>("select count(*)::int as n from playbook_runs where id = any($1::uuid[]) and status = 'succeeded'", [ids]);
    return rows[0]!.n >= runs;
  };
  if (!(await waitUntil(done, timeoutMs, 10))) throw new Error(`ten-step runs did not all succeed within ${timeoutMs} ms`);
  return performance.now() - t0;
}

export async function approvalResume(db: Db, adminId: string, count: number, timeoutMs: number): Promise<Percentiles & { missing: number }> {
  const [admin] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, adminId));
  const runIds = await db.transaction(async (tx) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(await startRun(tx, { playbookId: "bench-approval", actor: "bench" }));
    return out;
  });
  const pending = () => db.select({ id: approvals.id, runId: approvals.runId, paramsHash: approvals.paramsHash }).from(approvals).where(sql`${inArray(approvals.runId, runIds)} and ${approvals.status} = 'pending'`);
  if (!(await waitUntil(async () => (await pending()).length === count, 30_000, 50))) throw new Error("approvals were not all created within 30 s");
  const samples: number[] = [];
  let missing = 0;
  const deadline = Date.now() + timeoutMs;
  for (const a of await pending()) {
    if (Date.now() > deadline) break;
    await db.transaction((tx) => decideApproval(tx, { id: admin!.id, role: admin!.role }, { approvalId: a.id, decision: "approve", paramsHash: a.paramsHash }));
    const t0 = performance.now();
    if (await waitUntil(() => marks.afterApproval.has(a.runId), 3_000, 1)) samples.push(marks.afterApproval.get(a.runId)! - t0);
    else missing++;
    await sleep(10);
  }
  return { ...percentiles(samples), missing };
}
