// graphile task "approval.notify": emails each eligible approver a signed link of their own
// (engine/approval-links.ts) and posts a plain notice to chat channels
// (notifications/approval-notice.ts). A send that reaches nobody throws, so graphile retries.
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { approvalLinkFor } from "../../server/engine/approval-links";
import { TASKS } from "../../server/engine/jobs";
import type { Logger } from "../../server/logger";
import { notifyApprovers } from "../../server/notifications/approval-notice";
import { notifierFromConnections } from "../../server/notifications/channels";
import { parsedTask } from "./parsed-task";

export function approvalNotifyTask(db: Db, log: Logger) {
  return parsedTask(TASKS.approvalNotify, z.object({ approvalId: z.string().uuid() }), log, async ({ approvalId }, helpers) => {
    const notifier = await notifierFromConnections(db, { signal: helpers.abortSignal, log });
    const result = await notifyApprovers(db, approvalId, { notifier, buildLink: (r) => approvalLinkFor(db, r.approvalId, r.approver.id), log });
    // Never log the links: each one is a credential for its approver.
    log.info({ approvalId, emailed: result.emailed.length, failed: result.failed.length, chats: result.chats }, "approvers notified");
  });
}
