// graphile task "notify.case_assigned": emails the assignee of a case (enqueued by the
// case-assign transaction through enqueueAssignmentNotice). A failed send throws, so
// graphile-worker retries with backoff.
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Db } from "../../server/db/client";
import type { Logger } from "../../server/logger";
import { notifyAssignee } from "../../server/notifications/assignment-notice";
import { notifierFromConnections } from "../../server/notifications/channels";

const payloadSchema = z.object({ caseId: z.string().uuid(), assigneeId: z.string().uuid(), assignedBy: z.string().min(1).max(200) });

export function caseAssignedNoticeTask(db: Db, log: Logger): Task {
  return async (raw, helpers) => {
    const parsed = payloadSchema.safeParse(raw);
    if (!parsed.success) {
      log.error({ payload: raw }, "notify.case_assigned: malformed payload; job dropped");
      return;
    }
    const notifier = await notifierFromConnections(db, { signal: helpers.abortSignal, log });
    const sentTo = await notifyAssignee(db, parsed.data, { notifier, log });
    if (sentTo) log.info({ caseId: parsed.data.caseId }, "assignee notified");
  };
}
