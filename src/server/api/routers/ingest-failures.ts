// The dead letter (admin): kept bodies with their reason, counted-only rejections, and replay.
import { z } from "zod";
import { getIngestFailure, listIngestFailures, listIngestFailuresInput, listIntakeCounters } from "../../intake/failures";
import { replayIngestFailure } from "../../intake/replay";
import { adminProcedure, createTRPCRouter } from "../trpc";

const byId = z.object({ id: z.string().uuid() });

export const ingestFailuresRouter = createTRPCRouter({
  list: adminProcedure.input(listIngestFailuresInput).query(({ ctx, input }) => listIngestFailures(ctx.db, input)),
  byId: adminProcedure.input(byId).query(({ ctx, input }) => getIngestFailure(ctx.db, input.id)),
  counters: adminProcedure.query(({ ctx }) => listIntakeCounters(ctx.db)),
  replay: adminProcedure.input(byId).mutation(({ ctx, input }) => replayIngestFailure(ctx.db, { id: ctx.user.id, ref: ctx.actor }, input.id)),
});
