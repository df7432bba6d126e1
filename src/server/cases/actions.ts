// What analysts do to a case: acknowledge, assign, change status or severity, comment. Each action
// locks the case row, changes it, and appends the timeline entry and the audit row in the caller's
// transaction, so the three commit together or not at all.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { cases, comments, users } from "../db/schema";
import { CASE_STATUSES, SEVERITIES, type CaseStatus } from "../db/schema/enums";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { addCaseEvent } from "./timeline";
import { enqueueAssignmentNotice } from "../notifications/assignment-notice";

export const CLOSED_STATUSES: readonly CaseStatus[] = ["resolved", "false_positive"];

export interface Actor {
  id: string;
  name: string;
}

const caseId = z.string().uuid("caseId must be a case uuid");
export const acknowledgeInput = z.object({ caseId });
export const assignInput = z.object({ caseId, assigneeId: z.string().uuid().nullable() });
export const setStatusInput = z.object({ caseId, status: z.enum(CASE_STATUSES), reason: z.string().trim().max(2000).optional() });
export const setSeverityInput = z.object({ caseId, severity: z.enum(SEVERITIES) });
export const commentInput = z.object({ caseId, body: z.string().trim().min(1, "comment is empty").max(20_000, "comment is longer than 20,000 characters") });

async function lockCase(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND", `case ${id} not found`);
  return row;
}

async function record(tx: DbOrTx, actor: Actor, c: { id: string; number: number }, action: string, data: Record<string, unknown>) {
  const who = `user:${actor.id}`;
  await addCaseEvent(tx, { caseId: c.id, actor: who, kind: action, data });
  await appendAudit(tx, { actor: who, action: `case.${action}`, subject: `case:${c.id}`, data: { number: c.number, ...data } });
}

export async function acknowledgeCase(tx: DbOrTx, actor: Actor, input: z.infer<typeof acknowledgeInput>) {
  const c = await lockCase(tx, input.caseId);
  if (c.acknowledgedAt) throw new AppError("CONFLICT", `case #${c.number} was already acknowledged at ${c.acknowledgedAt.toISOString()}`);
  const now = new Date();
  const status = c.status === "new" ? "triage" : c.status;
  await tx.update(cases).set({ acknowledgedAt: now, status, updatedAt: now }).where(eq(cases.id, c.id));
  await record(tx, actor, c, "acknowledged", { ...(status !== c.status ? { from: c.status, to: status } : {}) });
  return { id: c.id, acknowledgedAt: now, status };
}

export async function assignCase(tx: DbOrTx, actor: Actor, input: z.infer<typeof assignInput>) {
  const c = await lockCase(tx, input.caseId);
  let assignee: { id: string; name: string } | null = null;
  if (input.assigneeId) {
    const [u] = await tx.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.id, input.assigneeId), eq(users.disabled, false)));
    if (!u) throw new AppError("BAD_REQUEST", "assigneeId: no active user with this id");
    assignee = u;
  }
  if ((c.assigneeId ?? null) === (assignee?.id ?? null)) return { id: c.id, assignee };
  await tx.update(cases).set({ assigneeId: assignee?.id ?? null, updatedAt: new Date() }).where(eq(cases.id, c.id));
  await record(tx, actor, c, "assigned", { from: c.assigneeId, to: assignee?.id ?? null, toName: assignee?.name ?? null });
  // The assignee hears about it by email once this commits (a job, so a slow mail server never blocks).
  if (assignee) await enqueueAssignmentNotice(tx, { caseId: c.id, assigneeId: assignee.id, assignedBy: `user:${actor.id}` });
  return { id: c.id, assignee };
}

export async function setCaseStatus(tx: DbOrTx, actor: Actor, input: z.infer<typeof setStatusInput>) {
  const c = await lockCase(tx, input.caseId);
  if (c.status === input.status) return { id: c.id, status: c.status };
  const now = new Date();
  const closing = CLOSED_STATUSES.includes(input.status);
  await tx
    .update(cases)
    .set({
      status: input.status,
      updatedAt: now,
      // Any human status change counts as acknowledging the case; reopening restarts "resolve".
      acknowledgedAt: c.acknowledgedAt ?? (input.status !== "new" ? now : null),
      resolvedAt: closing ? (c.resolvedAt ?? now) : null,
    })
    .where(eq(cases.id, c.id));
  await record(tx, actor, c, "status_changed", { from: c.status, to: input.status, ...(input.reason ? { reason: input.reason } : {}) });
  return { id: c.id, status: input.status };
}

export async function setCaseSeverity(tx: DbOrTx, actor: Actor, input: z.infer<typeof setSeverityInput>) {
  const c = await lockCase(tx, input.caseId);
  if (c.severity === input.severity) return { id: c.id, severity: c.severity };
  await tx.update(cases).set({ severity: input.severity, updatedAt: new Date() }).where(eq(cases.id, c.id));
  await record(tx, actor, c, "severity_changed", { from: c.severity, to: input.severity });
  return { id: c.id, severity: input.severity };
}

/** The comment's text is kept in comments and on the timeline entry, so the page reads one stream. */
export async function addComment(tx: DbOrTx, actor: Actor & { email: string }, input: z.infer<typeof commentInput>) {
  const c = await lockCase(tx, input.caseId);
  const [row] = await tx.insert(comments).values({ caseId: c.id, authorId: actor.id, author: actor.email, body: input.body }).returning({ id: comments.id });
  await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, c.id));
  const who = `user:${actor.id}`;
  await addCaseEvent(tx, { caseId: c.id, actor: who, kind: "comment", data: { commentId: row!.id, text: input.body } });
  // The audit row names the comment, not its text: comments can be long and are kept in comments.
  await appendAudit(tx, { actor: who, action: "case.comment", subject: `case:${c.id}`, data: { number: c.number, commentId: row!.id, length: input.body.length } });
  return { id: row!.id };
}
