// Cases: the list and its filter choices, one case, counts, and what analysts do to cases. Every
// change commits its timeline entry and audit row with it, then announces itself to live screens.
import { z } from "zod";
import { acknowledgeCase, acknowledgeInput, addComment, assignCase, assignInput, commentInput, setCaseSeverity, setCaseStatus, setSeverityInput, setStatusInput } from "../../cases/actions";
import { bulkAssign, bulkAssignInput, bulkClose, bulkCloseInput } from "../../cases/bulk";
import { caseFilterOptions, countCasesByStatus, getCaseDetail, listCases, listCasesInput } from "../../cases/queries";
import type { Db, Tx } from "../../db/client";
import { notifyLive } from "../../live/notify";
import { mergeCases, mergeCasesInput } from "../../cases/merge";
import { splitAlerts, splitAlertsInput } from "../../cases/split";
import { analystProcedure, createTRPCRouter } from "../trpc";

/** Runs a case change in a transaction, then tells open screens about the cases it touched. */
async function changeCases<T>(db: Db, caseIds: string[], fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.transaction(fn);
  notifyLive(db, { topic: "cases", caseIds });
  return result;
}

export const casesRouter = createTRPCRouter({
  list: analystProcedure.input(listCasesInput).query(({ ctx, input }) => listCases(ctx.db, input, ctx.user.id)),
  byId: analystProcedure.input(z.object({ id: z.string().min(1).max(64) })).query(({ ctx, input }) => getCaseDetail(ctx.db, input.id)),
  counts: analystProcedure.query(({ ctx }) => countCasesByStatus(ctx.db)),
  filterOptions: analystProcedure.query(({ ctx }) => caseFilterOptions(ctx.db)),

  acknowledge: analystProcedure.input(acknowledgeInput).mutation(({ ctx, input }) => changeCases(ctx.db, [input.caseId], (tx) => acknowledgeCase(tx, ctx.user, input))),
  assign: analystProcedure.input(assignInput).mutation(({ ctx, input }) => changeCases(ctx.db, [input.caseId], (tx) => assignCase(tx, ctx.user, input))),
  setStatus: analystProcedure.input(setStatusInput).mutation(({ ctx, input }) => changeCases(ctx.db, [input.caseId], (tx) => setCaseStatus(tx, ctx.user, input))),
  setSeverity: analystProcedure.input(setSeverityInput).mutation(({ ctx, input }) => changeCases(ctx.db, [input.caseId], (tx) => setCaseSeverity(tx, ctx.user, input))),
  comment: analystProcedure.input(commentInput).mutation(({ ctx, input }) => changeCases(ctx.db, [input.caseId], (tx) => addComment(tx, ctx.user, input))),
  bulkAssign: analystProcedure.input(bulkAssignInput).mutation(({ ctx, input }) => changeCases(ctx.db, input.caseIds, (tx) => bulkAssign(tx, ctx.user, input))),
  bulkClose: analystProcedure.input(bulkCloseInput).mutation(({ ctx, input }) => changeCases(ctx.db, input.caseIds, (tx) => bulkClose(tx, ctx.user, input))),
  /** Merge cases into one (reversible: each alert remembers where it came from). */
  merge: analystProcedure.input(mergeCasesInput).mutation(({ ctx, input }) => changeCases(ctx.db, [input.targetCaseId, ...input.caseIds], (tx) => mergeCases(tx, ctx.actor, input))),
  /** Split alerts out of a case: back to the case they were merged from, or into a new case. */
  split: analystProcedure.input(splitAlertsInput).mutation(({ ctx, input }) => changeCases(ctx.db, [input.caseId], (tx) => splitAlerts(tx, ctx.actor, input))),
});
