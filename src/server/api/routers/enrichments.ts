// Enrichment (analyst): cached results per observable of a case, and on-demand lookups.
import { z } from "zod";
import { caseEnrichmentView } from "../../enrichment/case-enrichments";
import { enrichCaseInput, enrichCaseObservables, enrichObservableInput, enrichOneObservable } from "../../enrichment/requests";
import { logger } from "../../logger";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const enrichmentsRouter = createTRPCRouter({
  forCase: analystProcedure.input(z.object({ caseId: z.string().uuid() })).query(({ ctx, input }) => caseEnrichmentView(ctx.db, input.caseId, logger().child({ user: ctx.user.id }))),
  enrichObservable: analystProcedure.input(enrichObservableInput).mutation(({ ctx, input }) => enrichOneObservable(ctx.db, ctx.actor, input, logger().child({ user: ctx.user.id }))),
  enrichCase: analystProcedure.input(enrichCaseInput).mutation(({ ctx, input }) => enrichCaseObservables(ctx.db, ctx.actor, input, logger().child({ user: ctx.user.id }))),
});
