// The step journal (run_steps): read the recorded steps of a run, record attempts and results.
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { runSteps } from "../db/schema";
import type { StepStatus } from "../db/schema/enums";

export interface JournalEntry {
  name: string;
  seq: number;
  kind: string;
  status: StepStatus;
  attempt: number;
  output: unknown;
  error: string | null;
}

export async function loadJournal(db: DbOrTx, runId: string): Promise<Map<string, JournalEntry>> {
  const rows = await db
    .select({ name: runSteps.name, seq: runSteps.seq, kind: runSteps.kind, status: runSteps.status, attempt: runSteps.attempt, output: runSteps.output, error: runSteps.error })
    .from(runSteps)
    .where(eq(runSteps.runId, runId))
    .orderBy(asc(runSteps.seq));
  return new Map(rows.map((r) => [r.name, r]));
}

export async function recordStepStart(db: DbOrTx, step: { runId: string; name: string; seq: number; kind: string; attempt: number; input?: unknown }): Promise<void> {
  await db
    .insert(runSteps)
    .values({ runId: step.runId, name: step.name, seq: step.seq, kind: step.kind, status: "running", attempt: step.attempt, input: (step.input ?? null) as never })
    .onConflictDoUpdate({
      target: [runSteps.runId, runSteps.name],
      set: { status: "running", attempt: step.attempt, error: null, startedAt: sql`now()`, finishedAt: null },
    });
}

export async function recordStepEnd(db: DbOrTx, step: { runId: string; name: string; status: StepStatus; output?: unknown; error?: string | null }): Promise<void> {
  await db
    .update(runSteps)
    .set({ status: step.status, output: (step.output ?? null) as never, error: step.error ?? null, finishedAt: sql`now()` })
    .where(and(eq(runSteps.runId, step.runId), eq(runSteps.name, step.name)));
}

/** Records a step that completes at once (comment, now) with its output. */
export async function recordInstantStep(db: DbOrTx, step: { runId: string; name: string; seq: number; kind: string; output: unknown }): Promise<void> {
  await db
    .insert(runSteps)
    .values({ runId: step.runId, name: step.name, seq: step.seq, kind: step.kind, status: "succeeded", attempt: 1, output: step.output as never, finishedAt: sql`now()` })
    .onConflictDoNothing();
}
