// Alert sources (admin): list, parser kinds, create and rotate (the secret is returned once,
// by these two calls only), and settings changes (enable/disable, field mapping, rate limit).
import { z } from "zod";
import { createSource, createSourceInput, listSources, rotateSourceSecret, sourceKinds, updateSource, updateSourceInput } from "../../intake/sources";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const sourcesRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listSources(ctx.db)),
  kinds: adminProcedure.query(() => sourceKinds()),
  create: adminProcedure.input(createSourceInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => createSource(tx, ctx.actor, input))),
  update: adminProcedure.input(updateSourceInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => updateSource(tx, ctx.actor, input))),
  rotate: adminProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) => ctx.db.transaction((tx) => rotateSourceSecret(tx, ctx.actor, input))),
});
