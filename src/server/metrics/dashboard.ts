// The metrics dashboard, computed from rows and the timeline at read time (no stored counters
// that could drift): alerts per day, MTTA/MTTR per week, automation rate, approval decision time,
// top observables. "Acknowledged" is the first acknowledge or status change BY A PERSON; "resolved"
// the first change to resolved/false positive by anyone; "automated" a closed case on whose
// timeline no person ever acted.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";

export const dashboardInput = z.object({ days: z.number().int().min(1).max(365).default(30) });

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

async function alertsPerDay(db: DbOrTx, since: Date) {
  const { rows } = await db.execute<{ day: Date; source: string; severity: string; n: string }>(sql`
    select date_trunc('day', a.received_at) as day, s.slug as source, a.severity::text as severity, count(*) as n
    from alerts a join alert_sources s on s.id = a.source_id
    where a.received_at >= ${since}
    group by 1, 2, 3 order by 1`);
  return rows.map((r) => ({ day: new Date(r.day), source: r.source, severity: r.severity, n: Number(r.n) }));
}

async function responseTimesPerWeek(db: DbOrTx, since: Date) {
  const { rows } = await db.execute<{ week: Date; opened: string; acked: string; resolved: string; mtta_s: string | null; mttr_s: string | null }>(sql`
    with opened as (select id, created_at from cases where created_at >= ${since}),
    ack as (
      select case_id, min(at) as at from case_events
      where kind in ('acknowledged', 'status_changed') and actor like 'user:%' and at >= ${since}
      group by case_id),
    res as (
      select case_id, min(at) as at from case_events
      where kind = 'status_changed' and data->>'to' in ('resolved', 'false_positive') and at >= ${since}
      group by case_id)
    select date_trunc('week', o.created_at) as week, count(*) as opened, count(ack.at) as acked, count(res.at) as resolved,
      avg(extract(epoch from ack.at - o.created_at)) as mtta_s, avg(extract(epoch from res.at - o.created_at)) as mttr_s
    from opened o left join ack on ack.case_id = o.id left join res on res.case_id = o.id
    group by 1 order by 1`);
  return rows.map((r) => ({ week: new Date(r.week), opened: Number(r.opened), acknowledged: Number(r.acked), resolved: Number(r.resolved), mttaSeconds: num(r.mtta_s), mttrSeconds: num(r.mttr_s) }));
}

async function automationPerWeek(db: DbOrTx, since: Date) {
  const { rows } = await db.execute<{ week: Date; closed: string; automated: string }>(sql`
    with closed as (
      select case_id, min(at) as at from case_events
      where kind = 'status_changed' and data->>'to' in ('resolved', 'false_positive') and at >= ${since}
      group by case_id)
    select date_trunc('week', c.at) as week, count(*) as closed,
      count(*) filter (where not exists (select 1 from case_events e where e.case_id = c.case_id and e.actor like 'user:%')) as automated
    from closed c group by 1 order by 1`);
  return rows.map((r) => ({ week: new Date(r.week), closed: Number(r.closed), automated: Number(r.automated) }));
}

async function approvalTimes(db: DbOrTx, since: Date) {
  const { rows } = await db.execute<{ decided: string; median_s: string | null; pending: string }>(sql`
    select count(*) filter (where status in ('approved', 'rejected') and decided_at >= ${since}) as decided,
      percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at))
        filter (where status in ('approved', 'rejected') and decided_at >= ${since}) as median_s,
      count(*) filter (where status = 'pending') as pending
    from approvals where status = 'pending' or decided_at >= ${since}`);
  const r = rows[0];
  return { decided: Number(r?.decided ?? 0), medianSeconds: num(r?.median_s), pending: Number(r?.pending ?? 0) };
}

async function topObservables(db: DbOrTx, since: Date) {
  const { rows } = await db.execute<{ type: string; value: string; cases: string }>(sql`
    select o.type::text as type, o.value, count(*) as cases
    from case_observables co join observables o on o.id = co.observable_id
    where co.added_at >= ${since}
    group by o.id, o.type, o.value order by count(*) desc, o.value limit 10`);
  return rows.map((r) => ({ type: r.type, value: r.value, cases: Number(r.cases) }));
}

export async function metricsDashboard(db: DbOrTx, raw: z.input<typeof dashboardInput>) {
  const { days } = dashboardInput.parse(raw);
  const since = new Date(Date.now() - days * 86_400_000);
  const [alerts, response, automation, approvals, observables] = await Promise.all([
    alertsPerDay(db, since),
    responseTimesPerWeek(db, since),
    automationPerWeek(db, since),
    approvalTimes(db, since),
    topObservables(db, since),
  ]);
  const closed = automation.reduce((s, w) => s + w.closed, 0);
  const automated = automation.reduce((s, w) => s + w.automated, 0);
  return { days, since, alertsPerDay: alerts, responseTimes: response, automation: { weeks: automation, closed, automated, rate: closed ? automated / closed : null }, approvals, topObservables: observables };
}
export type MetricsDashboard = Awaited<ReturnType<typeof metricsDashboard>>;
