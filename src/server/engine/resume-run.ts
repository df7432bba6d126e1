// Runs (or resumes) one playbook run: the body of the graphile job "playbook.run". Completed steps
// replay from the journal; the run ends succeeded, failed, or waiting for a later job.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertSources, alerts, playbookRuns } from "../db/schema";
import { isDatabaseUnavailable } from "../errors";
import { logger as rootLogger, type Logger } from "../logger";
import type { NormalizedAlert } from "../alerts/types";
import type { RunAlert } from "./define-playbook";
import { RunSuspended } from "./errors";
import { getPlaybook } from "./registry";
import { playbookSource } from "./playbook-source";
import { createRunContext } from "./run-context";
import { finishRun, TERMINAL_RUN_STATUSES } from "./runs";
import { observableMap } from "./triggers";

export interface ResumeOptions {
  signal?: AbortSignal;
  log?: Logger;
}

async function loadRunAlert(db: Db, alertId: string | null): Promise<RunAlert | null> {
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

/** Outcome of one execution, for the caller's logs and tests. */
export type ResumeOutcome = "succeeded" | "failed" | "waiting" | "skipped";

export async function resumeRun(db: Db, runId: string, options: ResumeOptions = {}): Promise<ResumeOutcome> {
  const log = (options.log ?? rootLogger()).child({ runId });
  const [run] = await db.select().from(playbookRuns).where(eq(playbookRuns.id, runId)).limit(1);
  if (!run) {
    log.warn("run not found; job dropped");
    return "skipped";
  }
  if (TERMINAL_RUN_STATUSES.includes(run.status)) return "skipped";
  const playbook = getPlaybook(run.playbookId);
  if (!playbook) {
    await finishRun(db, run, { status: "failed", error: `playbook "${run.playbookId}" is not installed on this worker` });
    return "failed";
  }
  const current = playbookSource(playbook.id).versionHash;
  const now = new Date();
  await db
    .update(playbookRuns)
    .set({ status: "running", startedAt: run.startedAt ?? now, versionHash: run.versionHash ?? current, updatedAt: now })
    .where(eq(playbookRuns.id, runId));

  try {
    const ctx = await createRunContext<Record<string, unknown>>({
      db,
      run: { id: run.id, playbookId: run.playbookId, caseId: run.caseId, input: run.input as Record<string, unknown> },
      alert: await loadRunAlert(db, run.alertId),
      log,
      signal: options.signal,
    });
    const output = await playbook.run(ctx);
    await db.transaction((tx) => finishRun(tx, run, { status: "succeeded", output: output ?? null }));
    return "succeeded";
  } catch (error) {
    if (error instanceof RunSuspended) {
      await db.update(playbookRuns).set({ status: "waiting", updatedAt: new Date() }).where(eq(playbookRuns.id, runId));
      return "waiting";
    }
    // Postgres unreachable: let graphile-worker retry the job later; the journal keeps our place.
    if (isDatabaseUnavailable(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: message }, "run failed");
    await db.transaction((tx) => finishRun(tx, run, { status: "failed", error: message }));
    return "failed";
  }
}
