// Engine test helpers: register test-only playbooks, start runs, drive them in-process with
// resumeRun (one execution per call, like one graphile job), and look at their jobs and journal.
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../src/server/db/client";
import { cases, playbookRuns, runSteps } from "../../src/server/db/schema";
import type { AnyPlaybook } from "../../src/server/engine/define-playbook";
import { getPlaybook, registerPlaybook } from "../../src/server/engine/registry";
import { resumeRun } from "../../src/server/engine/resume-run";
import { startRun } from "../../src/server/engine/runs";
import { syncPlaybooks } from "../../src/server/engine/sync-playbooks";

/** Registers playbooks for this test file (the file path gives their version) and syncs the catalogue. */
export async function usePlaybooks(db: Db, file: string, ...playbooks: AnyPlaybook[]): Promise<void> {
  for (const p of playbooks) if (!getPlaybook(p.id)) registerPlaybook(p, file);
  await syncPlaybooks(db);
}

export async function createCase(db: Db, title = "Test case"): Promise<string> {
  const [row] = await db.insert(cases).values({ title, severity: "high" }).returning({ id: cases.id });
  return row!.id;
}

export function startTestRun(db: Db, playbookId: string, options: { caseId?: string | null; requestedBy?: string | null; input?: Record<string, unknown> } = {}): Promise<string> {
  return db.transaction((tx) => startRun(tx, { playbookId, caseId: options.caseId ?? null, requestedBy: options.requestedBy ?? null, input: options.input ?? {}, actor: "test" }));
}

/** One execution of the run, as the playbook.run job would do it. */
export const drive = (db: Db, runId: string) => resumeRun(db, runId);

export async function runRow(db: Db, runId: string) {
  const [row] = await db.select().from(playbookRuns).where(eq(playbookRuns.id, runId));
  return row!;
}

export async function stepsOf(db: Db, runId: string) {
  return db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(asc(runSteps.seq));
}

/** Pending graphile jobs (not running) for a task, optionally of one run. */
export async function pendingJobs(db: Db, task: string, runId?: string) {
  const { rows } = await db.execute<{ id: string; run_at: Date; payload: Record<string, unknown> }>(
    sql`select j.id, j.run_at, p.payload from graphile_worker.jobs j join graphile_worker._private_jobs p using (id)
         where j.task_identifier = ${task} and j.locked_at is null and j.attempts < j.max_attempts
           and (${runId ?? null}::text is null or p.payload->>'runId' = ${runId ?? null}::text)
         order by j.run_at`,
  );
  return rows;
}

/** Deletes all pending jobs, so a test can count the jobs its next action enqueues. */
export async function clearJobs(db: Db): Promise<void> {
  await db.execute(sql`delete from graphile_worker._private_jobs where locked_at is null`);
}
