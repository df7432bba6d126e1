// External signals for ctx.waitFor ("user confirmed it was them"). A wait is a run_steps row
// (kind "wait", status "waiting", input {event, match}); delivering a signal resolves every waiting
// run whose match the signal's data contains, and enqueues their resume in the same transaction.
// Registration and delivery take the same per-event advisory lock, so a signal that arrives while
// a wait is being registered is never missed.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { runSignals } from "../db/schema";
import { appendAudit } from "../audit/append";
import type { Json, SignalEvent } from "./define-playbook";
import { enqueueRun, removeJobs } from "./jobs";

const SIGNAL_LOCK_NAMESPACE = 7_411_004;

export const deliverSignalInput = z.object({
  event: z.string().trim().min(1).max(200).regex(/^[\w.:-]+$/, "use letters, digits and . _ : -"),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type DeliverSignalInput = z.input<typeof deliverSignalInput>;

export async function lockEvent(tx: DbOrTx, event: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SIGNAL_LOCK_NAMESPACE}, hashtext(${event}))`);
}

function signalOutput(signalId: number, event: string, data: Record<string, Json>, at: Date): SignalEvent & { signalId: number } {
  return { event, data, receivedAt: at.toISOString(), signalId };
}

/** Stores the signal and resolves the waits it matches. Returns how many runs it resumed. */
export async function deliverSignal(tx: DbOrTx, raw: DeliverSignalInput, actor: string): Promise<{ signalId: number; resumedRuns: string[] }> {
  const { event, data } = deliverSignalInput.parse(raw);
  await lockEvent(tx, event);
  const [signal] = await tx.insert(runSignals).values({ event, data, actor }).returning({ id: runSignals.id, at: runSignals.at });
  const { rows } = await tx.execute<{ run_id: string; name: string; wake_job_id: string | null }>(sql`
    select s.run_id, s.name, s.wake_job_id from run_steps s join playbook_runs r on r.id = s.run_id
     where s.kind = 'wait' and s.status = 'waiting' and s.input->>'event' = ${event}
       and ${JSON.stringify(data)}::jsonb @> coalesce(s.input->'match', '{}'::jsonb)
       and r.status in ('queued', 'running', 'waiting')
     for update of s`);
  const output = signalOutput(signal!.id, event, data as Record<string, Json>, signal!.at);
  for (const w of rows) {
    await tx.execute(sql`update run_steps set status = 'succeeded', output = ${JSON.stringify(output)}::jsonb, finished_at = now(), wake_at = null, wake_job_id = null
                          where run_id = ${w.run_id} and name = ${w.name}`);
    await removeJobs(tx, [w.wake_job_id === null ? null : Number(w.wake_job_id)]);
    await enqueueRun(tx, w.run_id);
  }
  const resumedRuns = rows.map((r) => r.run_id);
  await appendAudit(tx, { actor, action: "signal.deliver", subject: `signal:${signal!.id}`, data: { event, data, resumedRuns } });
  return { signalId: signal!.id, resumedRuns };
}

/** A signal that arrived after the run started and before its wait was registered, not used by another wait of the run. */
export async function earlierSignal(tx: DbOrTx, run: { id: string; createdAt: Date }, event: string, match: Record<string, Json>) {
  const { rows } = await tx.execute<{ id: string; data: Record<string, Json>; at: Date }>(sql`
    select id, data, at from run_signals
     where event = ${event} and data @> ${JSON.stringify(match)}::jsonb and at >= ${run.createdAt.toISOString()}::timestamptz
       and id not in (select (output->>'signalId')::bigint from run_steps where run_id = ${run.id} and kind = 'wait' and output ? 'signalId')
     order by id limit 1`);
  const row = rows[0];
  return row ? signalOutput(Number(row.id), event, row.data, new Date(row.at)) : null;
}
