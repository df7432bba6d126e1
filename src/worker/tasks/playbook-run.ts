// graphile task "playbook.run": payload carries ids only and is parsed, because the queue is a
// boundary (old or SQL-added jobs may not match today's shape). When Postgres is unreachable the
// job waits for it to come back before failing, so graphile can record the failure (and retry).
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { isDatabaseUnavailable } from "../../server/errors";
import { TASKS } from "../../server/engine/jobs";
import { resumeRun } from "../../server/engine/resume-run";
import type { Logger } from "../../server/logger";
import { parsedTask } from "./parsed-task";

/** Waits until Postgres answers again (at most `maxMs`, or until the worker shuts down). */
export async function waitForDatabase(db: Db, signal: AbortSignal, maxMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline && !signal.aborted) {
    await new Promise((r) => setTimeout(r, 500));
    if (await db.execute(sql`select 1`).then(() => true, () => false)) return;
  }
}

export function playbookRunTask(db: Db, log: Logger) {
  return parsedTask(TASKS.playbookRun, z.object({ runId: z.string().uuid() }), log, async ({ runId }, helpers) => {
    try {
      await resumeRun(db, runId, { signal: helpers.abortSignal, log });
    } catch (error) {
      if (isDatabaseUnavailable(error)) await waitForDatabase(db, helpers.abortSignal);
      throw error;
    }
  });
}
