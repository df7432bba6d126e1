// Enqueues graphile-worker jobs with SQL inside the caller's transaction, so a job exists
// exactly when the change that needs it commits.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

export const TASKS = {
  playbookRun: "playbook.run",
} as const;

export interface EnqueueOptions {
  runAt?: Date;
  /** Replaces/deduplicates a pending job with the same key. */
  jobKey?: string;
  maxAttempts?: number;
  priority?: number;
}

export async function enqueueJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task}::text,
    ${JSON.stringify(payload)}::json,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 25}::int,
    job_key => ${options.jobKey ?? null}::text,
    priority => ${options.priority ?? 0}::int
  )`);
}
