// What analysts do to a run: cancel it, or retry a failed one from its failed step (the completed
// steps replay from the journal; the failed step runs again with a fresh retry budget and the same
// idempotency key). Both lock the run row, are audited and go to the case timeline.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { playbookRuns, runSteps } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { addCaseEvent } from "../cases/timeline";
import { cancelApprovalsOfRun } from "./approvals";
import { enqueueRun, removeJobs } from "./jobs";
import { finishRun, TERMINAL_RUN_STATUSES } from "./runs";

export const runActionInput = z.object({
  runId: z.string().uuid(),
  reason: z.string().trim().max(1_000).optional(),
});
export type RunActionInput = z.input<typeof runActionInput>;

async function lockRun(tx: DbOrTx, runId: string) {
  const [run] = await tx.select().from(playbookRuns).where(eq(playbookRuns.id, runId)).for("update");
  if (!run) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  return run;
}

export async function cancelRun(tx: DbOrTx, user: { id: string; name?: string }, raw: RunActionInput): Promise<{ status: "cancelled" }> {
  const input = runActionInput.parse(raw);
  const run = await lockRun(tx, input.runId);
  if (TERMINAL_RUN_STATUSES.includes(run.status)) throw new AppError("CONFLICT", `run is already ${run.status}; only queued, running or waiting runs can be cancelled`);
  const actor = `user:${user.id}`;
  const error = `cancelled by ${user.name ?? actor}${input.reason ? `: ${input.reason}` : ""}`;
  await finishRun(tx, run, { status: "cancelled", error });
  // Any execution still running loses its fencing token and stops at its next journal write.
  await tx.update(playbookRuns).set({ executionId: null }).where(eq(playbookRuns.id, run.id));
  const waiting = await tx.select({ wakeJobId: runSteps.wakeJobId }).from(runSteps).where(and(eq(runSteps.runId, run.id), eq(runSteps.status, "waiting")));
  await tx.update(runSteps).set({ status: "skipped", finishedAt: sql`now()`, wakeAt: null, wakeJobId: null }).where(and(eq(runSteps.runId, run.id), eq(runSteps.status, "waiting")));
  await removeJobs(tx, waiting.map((w) => w.wakeJobId));
  await cancelApprovalsOfRun(tx, run.id);
  await appendAudit(tx, { actor, action: "run.cancel", subject: `run:${run.id}`, data: { playbookId: run.playbookId, previousStatus: run.status, reason: input.reason ?? null } });
  return { status: "cancelled" };
}

export async function retryRun(tx: DbOrTx, user: { id: string }, raw: RunActionInput): Promise<{ status: "queued"; fromStep: string | null }> {
  const input = runActionInput.parse(raw);
  const run = await lockRun(tx, input.runId);
  if (run.status !== "failed") throw new AppError("CONFLICT", `run is ${run.status}; only failed runs can be retried`);
  const failed = await tx.delete(runSteps).where(and(eq(runSteps.runId, run.id), eq(runSteps.status, "failed"))).returning({ name: runSteps.name, error: runSteps.error });
  const fromStep = failed[0]?.name ?? null;
  await tx.update(playbookRuns).set({ status: "queued", error: null, output: null, finishedAt: null, executionId: null, updatedAt: new Date() }).where(eq(playbookRuns.id, run.id));
  await enqueueRun(tx, run.id);
  const actor = `user:${user.id}`;
  const data = { runId: run.id, playbookId: run.playbookId, fromStep, previousError: run.error, reason: input.reason ?? null };
  if (run.caseId) await addCaseEvent(tx, { caseId: run.caseId, actor, kind: "run_retried", data });
  await appendAudit(tx, { actor, action: "run.retry", subject: `run:${run.id}`, data });
  return { status: "queued", fromStep };
}
