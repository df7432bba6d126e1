// Playbook runs: list, one run with its journal and approvals, manual start, cancel, retry from the
// failed step, and delivering a signal to runs waiting in ctx.waitFor.
import { z } from "zod";
import { getRun, listRuns, listRunsInput } from "../../engine/run-queries";
import { startManualRun, startManualRunInput } from "../../engine/manual-run";
import { cancelRun, retryRun, runActionInput } from "../../engine/run-control";
import { deliverSignal, deliverSignalInput } from "../../engine/signals";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const runsRouter = createTRPCRouter({
  list: analystProcedure.input(listRunsInput).query(({ ctx, input }) => listRuns(ctx.db, input)),
  byId: analystProcedure.input(z.object({ id: z.string().uuid() })).query(({ ctx, input }) => getRun(ctx.db, input.id)),
  /** Start a playbook by hand (optionally on a case) with typed input. */
  start: analystProcedure.input(startManualRunInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => startManualRun(tx, ctx.user, input))),
  cancel: analystProcedure.input(runActionInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => cancelRun(tx, ctx.user, input))),
  /** Retry a failed run from its failed step; completed steps are not repeated. */
  retry: analystProcedure.input(runActionInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => retryRun(tx, ctx.user, input))),
  /** Deliver a signal (e.g. "the user confirmed by phone") to the runs waiting for it. */
  signal: analystProcedure.input(deliverSignalInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => deliverSignal(tx, input, ctx.actor))),
});
