// A playbook ctx for an existing run, outside a worker: what the engine builds for one execution
// (claims the run with a fresh fencing token, loads its journal). For tests that drive
// ctx.integrations or steps directly. A second call for the same run supersedes the first.
import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { playbookRuns } from "@/server/db/schema";
import type { RunContext } from "@/server/engine/define-playbook";
import { newExecution } from "@/server/engine/execution";
import { loadJournal } from "@/server/engine/journal";
import { createRunContext } from "@/server/engine/run-context";
import { acquireRunLease, claimRun } from "@/server/engine/run-lease";
import { logger } from "@/server/logger";

export async function runContextFor(db: Db, runId: string): Promise<RunContext> {
  const lease = await acquireRunLease(db, runId);
  if (!lease) throw new Error(`run ${runId} is locked by another execution`);
  try {
    const [run] = await db.select().from(playbookRuns).where(eq(playbookRuns.id, runId));
    if (!run) throw new Error(`run ${runId} not found`);
    const version = run.versionHash ?? "test";
    if (!(await claimRun(db, lease, version))) throw new Error(`run ${runId} is finished`);
    const exec = newExecution({
      db,
      run: { ...run, input: run.input as Record<string, unknown>, versionHash: version, currentVersion: version },
      alert: null,
      // Writes are fenced by the execution id on the run row; the advisory lock is not needed here.
      lease: { runId, executionId: lease.executionId },
      log: logger(),
      journal: await loadJournal(db, runId),
    });
    return createRunContext(exec);
  } finally {
    await lease.release();
  }
}
