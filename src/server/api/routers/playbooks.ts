// Playbooks: the catalogue (enabled flag, version, trigger, recent activity), one playbook with its
// source and recent runs, and the admin's enable/disable switch (audited).
import { z } from "zod";
import { getPlaybookDetail, listPlaybookSummaries, setPlaybookEnabled, setPlaybookEnabledInput } from "../../engine/playbook-queries";
import { adminProcedure, analystProcedure, createTRPCRouter } from "../trpc";

export const playbooksRouter = createTRPCRouter({
  list: analystProcedure.query(({ ctx }) => listPlaybookSummaries(ctx.db)),
  byId: analystProcedure.input(z.object({ id: z.string().min(1).max(64) })).query(({ ctx, input }) => getPlaybookDetail(ctx.db, input.id)),
  setEnabled: adminProcedure.input(setPlaybookEnabledInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => setPlaybookEnabled(tx, ctx.user, input))),
});
