// Enqueues graphile-worker jobs with SQL inside the caller's transaction, so a job exists
// exactly when the change that needs it commits.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

export const TASKS = {
  /** Run or resume a playbook run: { runId }. */
  playbookRun: "playbook.run",
  /** Expire an approval at its deadline: { approvalId }. */
  approvalExpire: "approval.expire",
  /** Tell the eligible approvers about a new approval: { approvalId }. */
  approvalNotify: "approval.notify",
} as const;

export interface EnqueueOptions {
  runAt?: Date;
  /** Replaces/deduplicates a pending job with the same key. */
  jobKey?: string;
  maxAttempts?: number;
  priority?: number;
}

/** Adds a job; returns its id (used to remove a scheduled job that is no longer needed). */
export async function enqueueJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<number> {
  const result = await tx.execute<{ id: string }>(sql`select (graphile_worker.add_job(
    ${task}::text,
    ${JSON.stringify(payload)}::json,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 25}::int,
    job_key => ${options.jobKey ?? null}::text,
    priority => ${options.priority ?? 0}::int
  )).id as id`);
  return Number(result.rows[0]!.id);
}

/** Resumes a run now (or at `runAt`). Duplicate wake-ups are harmless: the run lease serialises them. */
export function enqueueRun(tx: DbOrTx, runId: string, runAt?: Date): Promise<number> {
  return enqueueJob(tx, TASKS.playbookRun, { runId }, { runAt });
}

/** Removes scheduled jobs that are not running (a wake-up or expiry that is no longer needed). */
export async function removeJobs(tx: DbOrTx, jobIds: readonly (number | null | undefined)[]): Promise<void> {
  const ids = jobIds.filter((id): id is number => typeof id === "number");
  if (ids.length === 0) return;
  await tx.execute(sql`select graphile_worker.complete_jobs(${`{${ids.join(",")}}`}::bigint[])`);
}

/** Whether a job is still scheduled and not running. */
export async function jobPending(tx: DbOrTx, jobId: number | null | undefined): Promise<boolean> {
  if (typeof jobId !== "number") return false;
  const result = await tx.execute(sql`select 1 from graphile_worker.jobs where id = ${jobId} and locked_at is null and attempts < max_attempts`);
  return result.rows.length > 0;
}
