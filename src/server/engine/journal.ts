// The step journal (run_steps): read the recorded steps of a run, record attempts and results.
// Writes take the caller's transaction, which is fenced (see run-lease.ts).
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { runSteps } from "../db/schema";
import type { StepStatus } from "../db/schema/enums";

/** step | approval | sleep | wait | comment | now | case-status */
export type StepKind = "step" | "approval" | "sleep" | "wait" | "comment" | "now" | "case-status";

export interface JournalEntry {
  name: string;
  seq: number;
  kind: string;
  status: StepStatus;
  attempt: number;
  input: unknown;
  output: unknown;
  error: string | null;
  wakeAt: Date | null;
  wakeJobId: number | null;
}

export async function loadJournal(db: DbOrTx, runId: string): Promise<Map<string, JournalEntry>> {
  const rows = await db
    .select({
      name: runSteps.name,
      seq: runSteps.seq,
      kind: runSteps.kind,
      status: runSteps.status,
      attempt: runSteps.attempt,
      input: runSteps.input,
      output: runSteps.output,
      error: runSteps.error,
      wakeAt: runSteps.wakeAt,
      wakeJobId: runSteps.wakeJobId,
    })
    .from(runSteps)
    .where(eq(runSteps.runId, runId))
    .orderBy(asc(runSteps.seq));
  return new Map(rows.map((r) => [r.name, r]));
}

export async function recordStepStart(db: DbOrTx, step: { runId: string; name: string; seq: number; kind: StepKind; attempt: number; input?: unknown }): Promise<void> {
  await db
    .insert(runSteps)
    .values({ runId: step.runId, name: step.name, seq: step.seq, kind: step.kind, status: "running", attempt: step.attempt, input: (step.input ?? null) as never })
    .onConflictDoUpdate({
      target: [runSteps.runId, runSteps.name],
      set: { status: "running", attempt: step.attempt, error: null, startedAt: sql`now()`, finishedAt: null, wakeAt: null, wakeJobId: null },
    });
}

export interface StepEnd {
  runId: string;
  name: string;
  status: StepStatus;
  output?: unknown;
  error?: string | null;
  wakeAt?: Date | null;
  wakeJobId?: number | null;
}

export async function recordStepEnd(db: DbOrTx, step: StepEnd): Promise<void> {
  const waiting = step.status === "waiting";
  await db
    .update(runSteps)
    .set({
      status: step.status,
      output: (step.output ?? null) as never,
      error: step.error ?? null,
      finishedAt: waiting ? null : sql`now()`,
      wakeAt: step.wakeAt ?? null,
      wakeJobId: step.wakeJobId ?? null,
    })
    .where(and(eq(runSteps.runId, step.runId), eq(runSteps.name, step.name)));
}

/** Records a step that waits from the start (approval, sleep, wait). */
export async function recordWaitingStep(
  db: DbOrTx,
  step: { runId: string; name: string; seq: number; kind: StepKind; input: unknown; wakeAt?: Date | null; wakeJobId?: number | null },
): Promise<void> {
  await db.insert(runSteps).values({
    runId: step.runId,
    name: step.name,
    seq: step.seq,
    kind: step.kind,
    status: "waiting",
    attempt: 1,
    input: step.input as never,
    wakeAt: step.wakeAt ?? null,
    wakeJobId: step.wakeJobId ?? null,
  });
}

/** Records a step that completes at once (comment, now, case status) with its output. */
export async function recordInstantStep(db: DbOrTx, step: { runId: string; name: string; seq: number; kind: StepKind; input?: unknown; output: unknown }): Promise<void> {
  await db
    .insert(runSteps)
    .values({ runId: step.runId, name: step.name, seq: step.seq, kind: step.kind, status: "succeeded", attempt: 1, input: (step.input ?? null) as never, output: step.output as never, finishedAt: sql`now()` })
    .onConflictDoNothing();
}
