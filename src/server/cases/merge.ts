// Merging cases: every alert of the merged cases moves into the target case, which gains their
// observables; each merged case keeps its timeline, comments and runs and points at the target
// (cases.merged_into_id). Reversible: each moved alert remembers the case it came from
// (alerts.previous_case_ids), and splitting it out returns it there (cases/split.ts).
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alerts, cases } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { maxSeverity } from "./grouping";
import { addCaseEvent } from "./timeline";
import { adjustAlertCount, copyObservables, lockCases } from "./move-alerts";

export const mergeCasesInput = z.object({
  /** The case that stays. */
  targetCaseId: z.string().uuid(),
  /** The cases merged into it. */
  caseIds: z.array(z.string().uuid()).min(1, "caseIds: name at least one case to merge").max(50),
});
export type MergeCasesInput = z.input<typeof mergeCasesInput>;

export async function mergeCases(tx: DbOrTx, actor: string, raw: MergeCasesInput) {
  const input = mergeCasesInput.parse(raw);
  const sourceIds = [...new Set(input.caseIds)];
  if (sourceIds.includes(input.targetCaseId)) throw new AppError("BAD_REQUEST", "caseIds: a case cannot be merged into itself");
  const locked = await lockCases(tx, [input.targetCaseId, ...sourceIds]);
  const target = locked.get(input.targetCaseId)!;
  if (target.mergedIntoId) throw new AppError("CONFLICT", `case #${target.number} is itself merged into another case; merge into that one`);
  let severity = target.severity;
  const merged: { caseId: string; number: number; alertIds: string[] }[] = [];
  for (const id of sourceIds) {
    const from = locked.get(id)!;
    if (from.mergedIntoId) throw new AppError("CONFLICT", `case #${from.number} is already merged into another case`);
    const moved = await tx
      .update(alerts)
      .set({ caseId: target.id, previousCaseIds: sql`array_append(${alerts.previousCaseIds}, ${from.id}::uuid)` })
      .where(eq(alerts.caseId, from.id))
      .returning({ id: alerts.id });
    const alertIds = moved.map((m) => m.id);
    await copyObservables(tx, alertIds, target.id);
    await tx.update(cases).set({ mergedIntoId: target.id, alertCount: 0, updatedAt: new Date() }).where(eq(cases.id, from.id));
    await addCaseEvent(tx, { caseId: from.id, actor, kind: "merged", data: { into: target.id, intoNumber: target.number, alertIds } });
    severity = maxSeverity(severity, from.severity);
    merged.push({ caseId: from.id, number: from.number, alertIds });
  }
  const movedCount = merged.reduce((n, m) => n + m.alertIds.length, 0);
  const [latest] = await tx.select({ at: sql<Date | null>`max(${cases.lastAlertAt})` }).from(cases).where(inArray(cases.id, [target.id, ...sourceIds]));
  await adjustAlertCount(tx, target.id, movedCount, { severity, lastAlertAt: latest?.at ? new Date(latest.at) : undefined });
  await addCaseEvent(tx, { caseId: target.id, actor, kind: "merged", data: { merged } });
  await appendAudit(tx, { actor, action: "case.merge", subject: `case:${target.id}`, data: { merged } });
  return { caseId: target.id, number: target.number, merged };
}
