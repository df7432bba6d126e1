// Read side of runs: runs of a case (with their steps) and one run with its journal.
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { playbookRuns, playbooks, runSteps } from "../db/schema";
import { AppError } from "../errors";
import { redactSecrets } from "../audit/redact";

async function stepsFor(db: DbOrTx, runIds: string[]) {
  if (runIds.length === 0) return [];
  const rows = await db.select().from(runSteps).where(inArray(runSteps.runId, runIds)).orderBy(asc(runSteps.runId), asc(runSteps.seq));
  return rows.map((s) => ({ ...s, input: redactSecrets(s.input), output: redactSecrets(s.output) }));
}

const runColumns = {
  id: playbookRuns.id,
  playbookId: playbookRuns.playbookId,
  playbookTitle: playbooks.title,
  versionHash: playbookRuns.versionHash,
  caseId: playbookRuns.caseId,
  alertId: playbookRuns.alertId,
  status: playbookRuns.status,
  input: playbookRuns.input,
  output: playbookRuns.output,
  error: playbookRuns.error,
  requestedBy: playbookRuns.requestedBy,
  createdAt: playbookRuns.createdAt,
  startedAt: playbookRuns.startedAt,
  finishedAt: playbookRuns.finishedAt,
};

export async function listRunsForCase(db: DbOrTx, caseId: string) {
  const runs = await db.select(runColumns).from(playbookRuns).innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId)).where(eq(playbookRuns.caseId, caseId)).orderBy(desc(playbookRuns.createdAt));
  const steps = await stepsFor(db, runs.map((r) => r.id));
  return runs.map((r) => ({ ...r, output: redactSecrets(r.output), steps: steps.filter((s) => s.runId === r.id) }));
}

export async function getRun(db: DbOrTx, runId: string) {
  const [run] = await db.select(runColumns).from(playbookRuns).innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId)).where(eq(playbookRuns.id, runId)).limit(1);
  if (!run) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  return { ...run, output: redactSecrets(run.output), steps: await stepsFor(db, [run.id]) };
}

export async function listRuns(db: DbOrTx, limit = 100) {
  return db.select(runColumns).from(playbookRuns).innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId)).orderBy(desc(playbookRuns.createdAt)).limit(limit);
}
