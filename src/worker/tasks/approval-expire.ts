// graphile task "approval.expire": scheduled at an approval's expires_at. Expires it (and resumes
// the run) unless it was decided first; a job that runs early re-schedules itself.
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { expireApproval } from "../../server/engine/approvals";
import { enqueueJob, TASKS } from "../../server/engine/jobs";
import type { Logger } from "../../server/logger";
import { parsedTask } from "./parsed-task";

export function approvalExpireTask(db: Db, log: Logger) {
  return parsedTask(TASKS.approvalExpire, z.object({ approvalId: z.string().uuid() }), log, ({ approvalId }) =>
    db.transaction(async (tx) => {
      const result = await expireApproval(tx, approvalId);
      if (result.notYet) await enqueueJob(tx, TASKS.approvalExpire, { approvalId }, { runAt: result.notYet });
      if (result.expired) log.info({ approvalId }, "approval expired");
    }),
  );
}
