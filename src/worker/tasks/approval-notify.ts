// graphile task "approval.notify": tells the eligible approvers about a new approval.
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { notifyApprovers } from "../../server/engine/approval-notify";
import type { Logger } from "../../server/logger";

const payloadSchema = z.object({ approvalId: z.string().uuid() });

export function approvalNotifyTask(db: Db, log: Logger): Task {
  return async (raw) => {
    const parsed = payloadSchema.safeParse(raw);
    if (!parsed.success) {
      log.error({ payload: raw }, "approval.notify: malformed payload; job dropped");
      return;
    }
    await notifyApprovers(db, parsed.data.approvalId, log);
  };
}
