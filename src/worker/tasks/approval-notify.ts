// graphile task "approval.notify": tells the eligible approvers about a new approval.
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { notifyApprovers } from "../../server/engine/approval-notify";
import { TASKS } from "../../server/engine/jobs";
import type { Logger } from "../../server/logger";
import { parsedTask } from "./parsed-task";

export function approvalNotifyTask(db: Db, log: Logger) {
  return parsedTask(TASKS.approvalNotify, z.object({ approvalId: z.string().uuid() }), log, ({ approvalId }) => notifyApprovers(db, approvalId, log));
}
