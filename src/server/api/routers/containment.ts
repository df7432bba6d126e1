// Containment (analyst): what is in force now and the history, and one-click rollback.
import { z } from "zod";
import { listContainment, listContainmentInput } from "../../integrations/containment-queries";
import { rollbackContainment } from "../../integrations/rollback";
import { logger } from "../../logger";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const containmentRouter = createTRPCRouter({
  list: analystProcedure.input(listContainmentInput.prefault({})).query(({ ctx, input }) => listContainment(ctx.db, input)),
  /** Runs the recorded inverse now (audited, on the case timeline). */
  rollback: analystProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => rollbackContainment(ctx.db, { actionId: input.id, actor: ctx.actor, reason: "manual", log: logger().child({ user: ctx.user.id }) })),
});
