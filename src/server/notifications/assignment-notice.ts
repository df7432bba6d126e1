// Tells an analyst that a case was assigned to them. The case-assign code calls
// enqueueAssignmentNotice(tx, ...) in its own transaction, so the notice goes out exactly when the
// assignment commits; the `notify.case_assigned` job then emails the assignee.
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { cases, users } from "../db/schema";
import { enqueueJob } from "../engine/jobs";
import { publicUrl } from "../env";
import type { Logger } from "../logger";
import { escapeHtml, type Notifier } from "./notifier";

export const CASE_ASSIGNED_TASK = "notify.case_assigned";

export interface AssignmentNotice {
  caseId: string;
  assigneeId: string;
  /** Who assigned: "user:<uuid>", "playbook:<runId>", ... */
  assignedBy: string;
}

/** Call inside the assigning transaction. Self-assignment sends nothing. */
export async function enqueueAssignmentNotice(tx: DbOrTx, notice: AssignmentNotice): Promise<void> {
  if (notice.assignedBy === `user:${notice.assigneeId}`) return;
  await enqueueJob(tx, CASE_ASSIGNED_TASK, { ...notice }, { maxAttempts: 5 });
}

/** Emails the assignee if the case is still theirs and they can sign in. Returns the recipient. */
export async function notifyAssignee(db: Db, notice: AssignmentNotice, deps: { notifier: Notifier; log: Logger }): Promise<string | null> {
  const [row] = await db
    .select({ number: cases.number, title: cases.title, severity: cases.severity, assigneeId: cases.assigneeId, email: users.email, name: users.name, disabled: users.disabled })
    .from(cases)
    .innerJoin(users, eq(users.id, notice.assigneeId))
    .where(eq(cases.id, notice.caseId))
    .limit(1);
  if (!row || row.disabled || row.assigneeId !== notice.assigneeId) return null; // reassigned since, or gone
  if (!deps.notifier.canEmail) {
    deps.log.info({ caseId: notice.caseId }, "case assigned, but no email connection is configured to tell the assignee");
    return null;
  }
  const url = `${publicUrl()}/cases/${notice.caseId}`;
  const by = notice.assignedBy.startsWith("playbook:") ? "a playbook" : "a colleague";
  await deps.notifier.email({
    to: [row.email],
    subject: `[Vigil] Case #${row.number} assigned to you: ${row.title}`,
    text: `Hello ${row.name},\n\n${by} assigned case #${row.number} (${row.severity}) to you: ${row.title}\n\nOpen it: ${url}\n`,
    html: `<p>Hello ${escapeHtml(row.name)},</p><p>${by} assigned case <b>#${row.number}</b> (${row.severity}) to you: ${escapeHtml(row.title)}</p><p><a href="${escapeHtml(url)}">Open the case</a></p>`,
  });
  return row.email;
}
