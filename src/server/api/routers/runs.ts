// Playbook runs: list and one run with its step journal.
import { z } from "zod";
import { getRun, listRuns } from "../../engine/run-queries";
import { startManualRun, startManualRunInput } from "../../engine/manual-run";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const runsRouter = createTRPCRouter({
  list: analystProcedure.input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 })).query(({ ctx, input }) => listRuns(ctx.db, input.limit)),
  /** Start a playbook by hand (optionally on a case) with typed input. */
  start: analystProcedure.input(startManualRunInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => startManualRun(tx, ctx.user, input))),
  byId: analystProcedure.input(z.object({ id: z.string().uuid() })).query(({ ctx, input }) => getRun(ctx.db, input.id)),
});
