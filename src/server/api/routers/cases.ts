// Cases: list, one case, counts by status.
import { z } from "zod";
import { countCasesByStatus, getCaseDetail, listCases, listCasesInput } from "../../cases/queries";
import { mergeCases, mergeCasesInput } from "../../cases/merge";
import { splitAlerts, splitAlertsInput } from "../../cases/split";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const casesRouter = createTRPCRouter({
  list: analystProcedure.input(listCasesInput).query(({ ctx, input }) => listCases(ctx.db, input)),
  byId: analystProcedure.input(z.object({ id: z.string().min(1).max(64) })).query(({ ctx, input }) => getCaseDetail(ctx.db, input.id)),
  counts: analystProcedure.query(({ ctx }) => countCasesByStatus(ctx.db)),
  merge: analystProcedure.input(mergeCasesInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => mergeCases(tx, ctx.actor, input))),
  split: analystProcedure.input(splitAlertsInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => splitAlerts(tx, ctx.actor, input))),
});
