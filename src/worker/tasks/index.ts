// The worker's task list: one line per graphile task.
import type { TaskList } from "graphile-worker";
import type { Db } from "../../server/db/client";
import { TASKS } from "../../server/engine/jobs";
import type { Logger } from "../../server/logger";
import { approvalExpireTask } from "./approval-expire";
import { approvalNotifyTask } from "./approval-notify";
import { playbookRunTask } from "./playbook-run";
import { CONTAINMENT_EXPIRE_TASK } from "../../server/integrations/ledger";
import { containmentExpireTask } from "./containment-expire";
import { CASE_ASSIGNED_TASK } from "../../server/notifications/assignment-notice";
import { caseAssignedNoticeTask } from "./case-assigned-notice";

export function buildTaskList(db: Db, log: Logger): TaskList {
  return {
    [TASKS.playbookRun]: playbookRunTask(db, log),
    [CONTAINMENT_EXPIRE_TASK]: containmentExpireTask(db, log),
    [CASE_ASSIGNED_TASK]: caseAssignedNoticeTask(db, log),
    [TASKS.approvalExpire]: approvalExpireTask(db, log),
    [TASKS.approvalNotify]: approvalNotifyTask(db, log),
  };
}
