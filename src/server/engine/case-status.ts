// ctx.setCaseStatus's write: the case's status, its timeline entry and the audit row, together.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { cases } from "../db/schema";
import { CASE_STATUSES, type CaseStatus } from "../db/schema/enums";
import { appendAudit } from "../audit/append";
import { addCaseEvent } from "../cases/timeline";

const CLOSED: readonly CaseStatus[] = ["resolved", "false_positive"];

export function assertCaseStatus(status: unknown): asserts status is CaseStatus {
  if (!CASE_STATUSES.includes(status as CaseStatus)) throw new Error(`case status "${String(status)}" is not one of ${CASE_STATUSES.join(", ")}`);
}

/** Sets a case's status as `actor`; returns the previous status (null when the case is gone). */
export async function applyCaseStatus(tx: DbOrTx, input: { caseId: string; status: CaseStatus; actor: string; reason?: string | null }): Promise<CaseStatus | null> {
  const [before] = await tx.select({ status: cases.status }).from(cases).where(eq(cases.id, input.caseId)).for("update");
  if (!before) return null;
  const closing = CLOSED.includes(input.status);
  await tx
    .update(cases)
    .set({
      status: input.status,
      updatedAt: new Date(),
      resolvedAt: closing ? sql`coalesce(${cases.resolvedAt}, now())` : null,
      acknowledgedAt: input.status === "new" ? cases.acknowledgedAt : sql`coalesce(${cases.acknowledgedAt}, now())`,
    })
    .where(eq(cases.id, input.caseId));
  const data = { from: before.status, to: input.status, reason: input.reason ?? null };
  await addCaseEvent(tx, { caseId: input.caseId, actor: input.actor, kind: "status_changed", data });
  await appendAudit(tx, { actor: input.actor, action: "case.status_changed", subject: `case:${input.caseId}`, data });
  return before.status;
}
