// graphile task "playbook.run": payload carries ids only and is parsed, because the queue is a
// boundary (old or SQL-added jobs may not match today's shape).
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { resumeRun } from "../../server/engine/resume-run";
import type { Logger } from "../../server/logger";

const payloadSchema = z.object({ runId: z.string().uuid() });

export function playbookRunTask(db: Db, log: Logger): Task {
  return async (raw, helpers) => {
    const parsed = payloadSchema.safeParse(raw);
    if (!parsed.success) {
      log.error({ payload: raw }, "playbook.run: malformed payload; job dropped");
      return;
    }
    await resumeRun(db, parsed.data.runId, { signal: helpers.abortSignal, log });
  };
}
