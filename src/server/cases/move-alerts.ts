// Moving alerts between cases, shared by merge and split: the alert rows, the case's observables
// and alert counters. Callers hold row locks on both cases and write the timeline and audit.
import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { alertObservables, alerts, caseObservables, cases } from "../db/schema";
import type { CaseStatus, Severity } from "../db/schema/enums";
import { AppError } from "../errors";

export interface LockedCase {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: CaseStatus;
  mergedIntoId: string | null;
  alertCount: number;
}

/** Locks cases FOR UPDATE in id order (so two merges cannot deadlock); 404 names a missing one. */
export async function lockCases(tx: DbOrTx, ids: string[]): Promise<Map<string, LockedCase>> {
  const unique = [...new Set(ids)].sort();
  const rows = await tx
    .select({ id: cases.id, number: cases.number, title: cases.title, severity: cases.severity, status: cases.status, mergedIntoId: cases.mergedIntoId, alertCount: cases.alertCount })
    .from(cases)
    .where(inArray(cases.id, unique))
    .orderBy(cases.id)
    .for("update");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.find((id) => !byId.has(id));
  if (missing) throw new AppError("NOT_FOUND", `case ${missing} not found`);
  return byId;
}

/** Gives the destination case the observables of the moved alerts. */
export async function copyObservables(tx: DbOrTx, alertIds: string[], toCaseId: string): Promise<void> {
  if (alertIds.length === 0) return;
  await tx
    .insert(caseObservables)
    .select(
      tx
        .selectDistinct({ caseId: sql<string>`${toCaseId}::uuid`.as("case_id"), observableId: alertObservables.observableId, addedAt: sql<Date>`now()`.as("added_at") })
        .from(alertObservables)
        .where(inArray(alertObservables.alertId, alertIds)),
    )
    .onConflictDoNothing();
}

/** Removes from a case the observables that none of its remaining alerts carries any more. */
export async function pruneObservables(tx: DbOrTx, caseId: string, movedAlertIds: string[]): Promise<void> {
  if (movedAlertIds.length === 0) return;
  const moved = tx.select({ id: alertObservables.observableId }).from(alertObservables).where(inArray(alertObservables.alertId, movedAlertIds));
  const stillUsed = tx
    .select({ one: sql`1` })
    .from(alertObservables)
    .innerJoin(alerts, eq(alerts.id, alertObservables.alertId))
    .where(and(eq(alerts.caseId, caseId), eq(alertObservables.observableId, caseObservables.observableId)));
  await tx.delete(caseObservables).where(and(eq(caseObservables.caseId, caseId), inArray(caseObservables.observableId, moved), notExists(stillUsed)));
}

/** Adds `delta` to a case's alert counter. */
export async function adjustAlertCount(tx: DbOrTx, caseId: string, delta: number, extra: Partial<typeof cases.$inferInsert> = {}): Promise<void> {
  await tx
    .update(cases)
    .set({ alertCount: sql`greatest(0, ${cases.alertCount} + ${delta})`, updatedAt: new Date(), ...extra })
    .where(eq(cases.id, caseId));
}
