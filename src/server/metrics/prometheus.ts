// GET /api/metrics in the Prometheus text format. Business metrics are read from Postgres at
// scrape time into a fresh registry, so every web replica reports the same totals and nothing is
// kept in process memory; only the process's own runtime metrics (CPU, heap, event loop) are
// per-process, as Prometheus expects.
import { sql } from "drizzle-orm";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { DbOrTx } from "../db/client";

/** Upper bounds (seconds) of the run duration histogram. */
export const RUN_DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

const g = globalThis as unknown as { vigilProcessRegistry?: Registry };
function processRegistry(): Registry {
  if (!g.vigilProcessRegistry) {
    g.vigilProcessRegistry = new Registry();
    collectDefaultMetrics({ register: g.vigilProcessRegistry, prefix: "vigil_" });
  }
  return g.vigilProcessRegistry;
}

/** Rejections kept in ingest_failures carry a free-text reason; the label is the status class. */
export function rejectionReason(statusCode: number): string {
  const byCode: Record<number, string> = { 400: "bad_request", 401: "unauthenticated", 403: "source_disabled", 404: "unknown_source", 413: "too_large", 415: "unsupported_media_type", 422: "unprocessable", 429: "rate_limited", 500: "internal_error" };
  return byCode[statusCode] ?? `http_${statusCode}`;
}

async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

async function intakeMetrics(db: DbOrTx, reg: Registry) {
  const received = new Counter({ name: "vigil_alerts_received_total", help: "Alerts accepted, including duplicates, by source.", labelNames: ["source"], registers: [reg] });
  const duplicates = new Counter({ name: "vigil_alert_duplicates_total", help: "Alerts counted as duplicates of a stored alert, by source.", labelNames: ["source"], registers: [reg] });
  const rejected = new Counter({ name: "vigil_alerts_rejected_total", help: "Webhook requests refused, by source and reason.", labelNames: ["source", "reason"], registers: [reg] });
  const [bySource, counters, failures] = await Promise.all([
    rows<{ source: string; n: string; dup: string }>(db, sql`select s.slug as source, count(a.id) + coalesce(sum(a.duplicate_count), 0) as n, coalesce(sum(a.duplicate_count), 0) as dup from alert_sources s left join alerts a on a.source_id = s.id group by s.slug`),
    rows<{ source: string; reason: string; n: string }>(db, sql`select source_slug as source, reason, count as n from intake_counters`),
    rows<{ source: string; code: number; n: string }>(db, sql`select source_slug as source, status_code as code, count(*) as n from ingest_failures group by 1, 2`),
  ]);
  for (const r of bySource) {
    received.inc({ source: r.source }, Number(r.n));
    duplicates.inc({ source: r.source }, Number(r.dup));
  }
  for (const r of counters) rejected.inc({ source: r.source, reason: r.reason }, Number(r.n));
  for (const r of failures) rejected.inc({ source: r.source, reason: rejectionReason(r.code) }, Number(r.n));
}

async function engineMetrics(db: DbOrTx, reg: Registry) {
  const runs = new Gauge({ name: "vigil_playbook_runs", help: "Playbook runs by playbook and status.", labelNames: ["playbook", "status"], registers: [reg] });
  const attempts = new Counter({ name: "vigil_step_attempts_total", help: "Step attempts (retries included) by playbook and final step status.", labelNames: ["playbook", "status"], registers: [reg] });
  const waiting = new Gauge({ name: "vigil_approvals_waiting", help: "Approvals waiting for a decision.", registers: [reg] });
  const oldest = new Gauge({ name: "vigil_approvals_oldest_waiting_seconds", help: "Age of the oldest approval waiting for a decision.", registers: [reg] });
  const queue = new Gauge({ name: "vigil_queue_jobs", help: "graphile-worker jobs by task and state (ready, scheduled, running, failed).", labelNames: ["task", "state"], registers: [reg] });
  const workers = new Gauge({ name: "vigil_workers_alive", help: "Worker processes that sent a heartbeat in the last 30 seconds.", registers: [reg] });
  const [runRows, stepRows, approvalRows, jobRows, workerRows] = await Promise.all([
    rows<{ playbook: string; status: string; n: string }>(db, sql`select playbook_id as playbook, status::text, count(*) as n from playbook_runs group by 1, 2`),
    rows<{ playbook: string; status: string; n: string }>(db, sql`select r.playbook_id as playbook, s.status::text, sum(s.attempt) as n from run_steps s join playbook_runs r on r.id = s.run_id where s.kind = 'step' group by 1, 2`),
    rows<{ n: string; oldest: string | null }>(db, sql`select count(*) as n, extract(epoch from now() - min(created_at)) as oldest from approvals where status = 'pending'`),
    rows<{ task: string; state: string; n: string }>(db, sql`
      select task_identifier as task,
        case when attempts >= max_attempts then 'failed' when locked_at is not null then 'running' when run_at > now() then 'scheduled' else 'ready' end as state,
        count(*) as n
      from graphile_worker.jobs group by 1, 2`),
    rows<{ n: string }>(db, sql`select count(*) as n from worker_heartbeats where last_seen_at > now() - interval '30 seconds'`),
  ]);
  for (const r of runRows) runs.set({ playbook: r.playbook, status: r.status }, Number(r.n));
  for (const r of stepRows) attempts.inc({ playbook: r.playbook, status: r.status }, Number(r.n));
  waiting.set(Number(approvalRows[0]?.n ?? 0));
  oldest.set(Number(approvalRows[0]?.oldest ?? 0));
  for (const r of jobRows) queue.set({ task: r.task, state: r.state }, Number(r.n));
  workers.set(Number(workerRows[0]?.n ?? 0));
}

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/**
 * The run duration histogram, bucketed in SQL (prom-client histograms only take one observation
 * at a time, which would mean reading every run).
 */
async function runDurationHistogram(db: DbOrTx): Promise<string> {
  const buckets = sql.join(RUN_DURATION_BUCKETS.map((b) => sql`count(*) filter (where d <= ${b})`), sql`, `);
  const data = await rows<Record<string, string> & { playbook: string; total: string; sum: string }>(db, sql`
    select playbook, count(*) as total, coalesce(sum(d), 0) as sum, array[${buckets}] as buckets
    from (select playbook_id as playbook, extract(epoch from finished_at - coalesce(started_at, created_at)) as d
          from playbook_runs where finished_at is not null) r
    group by playbook`);
  const name = "vigil_playbook_run_duration_seconds";
  const lines = [`# HELP ${name} Duration of finished playbook runs, start to finish (approval waits included).`, `# TYPE ${name} histogram`];
  for (const r of data) {
    const label = `playbook="${escapeLabel(r.playbook)}"`;
    const counts = r.buckets as unknown as (string | number)[];
    RUN_DURATION_BUCKETS.forEach((b, i) => lines.push(`${name}_bucket{${label},le="${b}"} ${Number(counts[i])}`));
    lines.push(`${name}_bucket{${label},le="+Inf"} ${Number(r.total)}`, `${name}_sum{${label}} ${Number(r.sum)}`, `${name}_count{${label}} ${Number(r.total)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The whole exposition: business metrics from Postgres, then this process's runtime metrics. */
export async function prometheusMetrics(db: DbOrTx): Promise<{ body: string; contentType: string }> {
  const reg = new Registry();
  await Promise.all([intakeMetrics(db, reg), engineMetrics(db, reg)]);
  const merged = Registry.merge([reg, processRegistry()]);
  const body = `${await merged.metrics()}\n${await runDurationHistogram(db)}`;
  return { body, contentType: merged.contentType };
}
