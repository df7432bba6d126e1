// Runs (or resumes) one playbook run: the body of the graphile job "playbook.run". It takes the
// run's lease, replays completed steps from the journal, and ends the run succeeded or failed, or
// leaves it waiting for a later job (approval, sleep, signal, scheduled retry).
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertSources, alerts, playbookRuns } from "../db/schema";
import { isDatabaseUnavailable } from "../errors";
import { logger as rootLogger, type Logger } from "../logger";
import type { NormalizedAlert } from "../alerts/types";
import type { RunAlert } from "./define-playbook";
import { ExecutionSuperseded, PlaybookError, RunSuspended } from "./errors";
import { assertJournalConsumed, newExecution, settle, write, type Execution } from "./execution";
import { enqueueRun } from "./jobs";
import { loadJournal } from "./journal";
import { getPlaybook } from "./registry";
import { playbookSource } from "./playbook-source";
import { createRunContext } from "./run-context";
import { acquireRunLease, claimRun, fenced, type RunLease } from "./run-lease";
import { finishRun } from "./runs";
import { observableMap } from "./triggers";

export interface ResumeOptions {
  signal?: AbortSignal;
  log?: Logger;
}

export async function loadRunAlert(db: Db, alertId: string | null): Promise<RunAlert | null> {
  if (!alertId) return null;
  const [row] = await db
    .select({ id: alerts.id, title: alerts.title, severity: alerts.severity, category: alerts.category, occurredAt: alerts.occurredAt, normalized: alerts.normalized, sourceSlug: alertSources.slug })
    .from(alerts)
    .innerJoin(alertSources, eq(alertSources.id, alerts.sourceId))
    .where(eq(alerts.id, alertId))
    .limit(1);
  if (!row) return null;
  const normalized = row.normalized as Omit<NormalizedAlert, "raw" | "occurredAt"> & { occurredAt: string };
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    category: row.category,
    sourceSlug: row.sourceSlug,
    occurredAt: row.occurredAt.toISOString(),
    normalized,
    observables: observableMap(normalized.observables ?? []),
  };
}

/** Outcome of one execution, for the caller's logs and tests. "busy": another execution holds the run. */
export type ResumeOutcome = "succeeded" | "failed" | "waiting" | "skipped" | "busy";

/** How long a job waits before trying again when another execution holds the run. */
const BUSY_RETRY_MS = 400;

export async function resumeRun(db: Db, runId: string, options: ResumeOptions = {}): Promise<ResumeOutcome> {
  const log = (options.log ?? rootLogger()).child({ runId });
  const lease = await acquireRunLease(db, runId);
  if (!lease) {
    // Another execution of this run is in progress (a wake-up raced it): look again shortly.
    await enqueueRun(db, runId, new Date(Date.now() + BUSY_RETRY_MS + Math.floor(Math.random() * BUSY_RETRY_MS)));
    return "busy";
  }
  try {
    return await executeWithLease(db, lease, log, options.signal);
  } finally {
    await lease.release();
  }
}

async function executeWithLease(db: Db, lease: RunLease, log: Logger, signal?: AbortSignal): Promise<ResumeOutcome> {
  const [run] = await db.select().from(playbookRuns).where(eq(playbookRuns.id, lease.runId)).limit(1);
  if (!run) {
    log.warn("run not found; job dropped");
    return "skipped";
  }
  const playbook = getPlaybook(run.playbookId);
  if (!playbook) {
    if (!(await claimRun(db, lease, run.versionHash ?? "unknown"))) return "skipped";
    await fenced(db, lease, (tx) => finishRun(tx, run, { status: "failed", error: `playbook "${run.playbookId}" is not installed on this worker` }));
    return "failed";
  }
  const currentVersion = playbookSource(playbook.id).versionHash;
  if (!(await claimRun(db, lease, currentVersion))) return "skipped";
  const exec = newExecution({
    db,
    run: { ...run, input: run.input as Record<string, unknown>, versionHash: run.versionHash ?? currentVersion, currentVersion },
    alert: await loadRunAlert(db, run.alertId),
    lease,
    log,
    signal,
    journal: await loadJournal(db, run.id),
  });
  try {
    const output = await playbook.run(createRunContext(exec));
    await settle(exec);
    if (exec.suspended) return "waiting";
    assertJournalConsumed(exec);
    await write(exec, (tx) => finishRun(tx, run, { status: "succeeded", output: output ?? null }));
    return "succeeded";
  } catch (error) {
    await settle(exec);
    return handleFailure(exec, lease, error);
  }
}

async function handleFailure(exec: Execution, lease: RunLease, error: unknown): Promise<ResumeOutcome> {
  // Suspended; or the playbook caught the suspension and threw something else (not its own failure).
  if (error instanceof RunSuspended || (exec.suspended && !(error instanceof PlaybookError))) return "waiting";
  if (error instanceof ExecutionSuperseded) {
    exec.log.info({ err: error.message }, "execution superseded; stopping");
    return "skipped";
  }
  // Postgres unreachable, or this execution lost its lock: graphile-worker retries the job later
  // and the journal keeps our place.
  if (isDatabaseUnavailable(error) || lease.lost) throw error;
  const message = error instanceof Error ? error.message : String(error);
  exec.log.warn({ err: message }, "run failed");
  try {
    await write(exec, (tx) => finishRun(tx, { id: exec.run.id, caseId: exec.run.caseId, playbookId: exec.run.playbookId }, { status: "failed", error: message }));
  } catch (e) {
    if (e instanceof ExecutionSuperseded) return "skipped";
    throw e;
  }
  return "failed";
}
