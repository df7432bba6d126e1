// graphile task "approval.expire": scheduled at an approval's expires_at. Expires it (and resumes
// the run) unless it was decided first; a job that runs early re-schedules itself.
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { expireApproval } from "../../server/engine/approvals";
import { enqueueJob, TASKS } from "../../server/engine/jobs";
import type { Logger } from "../../server/logger";

const payloadSchema = z.object({ approvalId: z.string().uuid() });

export function approvalExpireTask(db: Db, log: Logger): Task {
  return async (raw) => {
    const parsed = payloadSchema.safeParse(raw);
    if (!parsed.success) {
      log.error({ payload: raw }, "approval.expire: malformed payload; job dropped");
      return;
    }
    const { approvalId } = parsed.data;
    await db.transaction(async (tx) => {
      const result = await expireApproval(tx, approvalId);
      if (result.notYet) await enqueueJob(tx, TASKS.approvalExpire, { approvalId }, { runAt: result.notYet });
      if (result.expired) log.info({ approvalId }, "approval expired");
    });
  };
}
