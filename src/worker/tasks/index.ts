// The worker's task list: one line per graphile task.
import type { TaskList } from "graphile-worker";
import type { Db } from "../../server/db/client";
import { TASKS } from "../../server/engine/jobs";
import type { Logger } from "../../server/logger";
import { approvalExpireTask } from "./approval-expire";
import { approvalNotifyTask } from "./approval-notify";
import { playbookRunTask } from "./playbook-run";

export function buildTaskList(db: Db, log: Logger): TaskList {
  return {
    [TASKS.playbookRun]: playbookRunTask(db, log),
    [TASKS.approvalExpire]: approvalExpireTask(db, log),
    [TASKS.approvalNotify]: approvalNotifyTask(db, log),
  };
}
