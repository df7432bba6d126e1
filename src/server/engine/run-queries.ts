// Read side of runs: the runs list, one run with its journal (secrets redacted), its approvals and
// what it waits for, and the runs of a case (for the case page).
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { cases, playbookRuns, playbooks, runSteps, users } from "../db/schema";
import { RUN_STATUSES } from "../db/schema/enums";
import { AppError } from "../errors";
import { redactSecrets } from "../audit/redact";
import { listApprovalsOfRun } from "./approval-queries";

async function stepsFor(db: DbOrTx, runIds: string[]) {
  if (runIds.length === 0) return [];
  const rows = await db.select().from(runSteps).where(inArray(runSteps.runId, runIds)).orderBy(asc(runSteps.runId), asc(runSteps.seq));
  return rows.map(({ wakeJobId: _job, ...s }) => ({ ...s, input: redactSecrets(s.input), output: redactSecrets(s.output) }));
}

const runColumns = {
  id: playbookRuns.id,
  playbookId: playbookRuns.playbookId,
  playbookTitle: playbooks.title,
  versionHash: playbookRuns.versionHash,
  caseId: playbookRuns.caseId,
  caseNumber: cases.number,
  caseTitle: cases.title,
  alertId: playbookRuns.alertId,
  status: playbookRuns.status,
  input: playbookRuns.input,
  output: playbookRuns.output,
  error: playbookRuns.error,
  requestedBy: playbookRuns.requestedBy,
  requestedByName: users.name,
  createdAt: playbookRuns.createdAt,
  startedAt: playbookRuns.startedAt,
  finishedAt: playbookRuns.finishedAt,
  updatedAt: playbookRuns.updatedAt,
};

function runsQuery(db: DbOrTx) {
  return db
    .select(runColumns)
    .from(playbookRuns)
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .leftJoin(cases, eq(cases.id, playbookRuns.caseId))
    .leftJoin(users, eq(users.id, playbookRuns.requestedBy));
}

const redactRun = <T extends { input: unknown; output: unknown }>(r: T): T => ({ ...r, input: redactSecrets(r.input), output: redactSecrets(r.output) });

export async function listRunsForCase(db: DbOrTx, caseId: string) {
  const runs = await runsQuery(db).where(eq(playbookRuns.caseId, caseId)).orderBy(desc(playbookRuns.createdAt));
  const steps = await stepsFor(db, runs.map((r) => r.id));
  return runs.map((r) => ({ ...redactRun(r), steps: steps.filter((s) => s.runId === r.id) }));
}

export async function getRun(db: DbOrTx, runId: string) {
  const [run] = await runsQuery(db).where(eq(playbookRuns.id, runId)).limit(1);
  if (!run) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  const [steps, approvals] = await Promise.all([stepsFor(db, [run.id]), listApprovalsOfRun(db, run.id)]);
  return { ...redactRun(run), steps, approvals };
}

export const listRunsInput = z
  .object({
    status: z.enum(RUN_STATUSES).optional(),
    playbookId: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ limit: 100 });

export async function listRuns(db: DbOrTx, raw: z.input<typeof listRunsInput> = {}) {
  const input = listRunsInput.parse(raw);
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(playbookRuns.status, input.status));
  if (input.playbookId) filters.push(eq(playbookRuns.playbookId, input.playbookId));
  const rows = await runsQuery(db)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(playbookRuns.createdAt))
    .limit(input.limit);
  return rows.map(({ input: _input, output: _output, ...r }) => r);
}
