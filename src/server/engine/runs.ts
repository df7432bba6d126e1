// Starting runs and recording their end. A run row and its job are written in the caller's
// transaction, so a run exists exactly when its job does.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { playbookRuns } from "../db/schema";
import type { RunStatus } from "../db/schema/enums";
import { addCaseEvent } from "../cases/timeline";
import { enqueueJob, TASKS } from "./jobs";

export interface StartRunInput {
  playbookId: string;
  caseId?: string | null;
  alertId?: string | null;
  input?: Record<string, unknown>;
  /** The user who started a manual run; they may not approve its gates. */
  requestedBy?: string | null;
  actor: string;
}

export async function startRun(tx: DbOrTx, input: StartRunInput): Promise<string> {
  const [run] = await tx
    .insert(playbookRuns)
    .values({
      playbookId: input.playbookId,
      caseId: input.caseId ?? null,
      alertId: input.alertId ?? null,
      input: input.input ?? {},
      requestedBy: input.requestedBy ?? null,
    })
    .returning({ id: playbookRuns.id });
  const runId = run!.id;
  await enqueueJob(tx, TASKS.playbookRun, { runId });
  if (input.caseId) await addCaseEvent(tx, { caseId: input.caseId, actor: input.actor, kind: "run_started", data: { runId, playbookId: input.playbookId } });
  return runId;
}

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];

export async function finishRun(
  tx: DbOrTx,
  run: { id: string; caseId: string | null; playbookId: string },
  outcome: { status: "succeeded" | "failed" | "cancelled"; output?: unknown; error?: string },
): Promise<void> {
  const now = new Date();
  await tx
    .update(playbookRuns)
    .set({ status: outcome.status, output: (outcome.output ?? null) as never, error: outcome.error ?? null, finishedAt: now, updatedAt: now })
    .where(eq(playbookRuns.id, run.id));
  if (run.caseId)
    await addCaseEvent(tx, {
      caseId: run.caseId,
      actor: `playbook:${run.id}`,
      kind: "run_finished",
      data: { runId: run.id, playbookId: run.playbookId, status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) },
    });
}
