// Bulk assign / close from the cases list. Each case goes through the same action as on its page
// (its own timeline entry and audit row), all in one transaction: all change or none does.
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { assignCase, setCaseStatus, type Actor } from "./actions";

const caseIds = z.array(z.string().uuid()).min(1, "select at least one case").max(200, "at most 200 cases at once");
/** Distinct ids in a fixed order, so two bulk changes lock their cases in the same order (no deadlock). */
const ordered = (ids: string[]) => [...new Set(ids)].sort();

export const bulkAssignInput = z.object({ caseIds, assigneeId: z.string().uuid().nullable() });
export const bulkCloseInput = z.object({ caseIds, status: z.enum(["resolved", "false_positive"]), reason: z.string().trim().max(2000).optional() });

export async function bulkAssign(tx: DbOrTx, actor: Actor, input: z.infer<typeof bulkAssignInput>) {
  for (const caseId of ordered(input.caseIds)) await assignCase(tx, actor, { caseId, assigneeId: input.assigneeId });
  return { updated: new Set(input.caseIds).size };
}

export async function bulkClose(tx: DbOrTx, actor: Actor, input: z.infer<typeof bulkCloseInput>) {
  for (const caseId of ordered(input.caseIds)) await setCaseStatus(tx, actor, { caseId, status: input.status, reason: input.reason });
  return { updated: new Set(input.caseIds).size };
}
