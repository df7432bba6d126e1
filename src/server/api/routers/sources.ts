// Alert sources (admin): list and create. The secret is returned once, at creation.
import { asc } from "drizzle-orm";
import { alertSources } from "../../db/schema";
import { createSource, createSourceInput } from "../../intake/sources";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const sourcesRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) =>
    ctx.db
      .select({ id: alertSources.id, slug: alertSources.slug, name: alertSources.name, kind: alertSources.kind, auth: alertSources.auth, enabled: alertSources.enabled, createdAt: alertSources.createdAt })
      .from(alertSources)
      .orderBy(asc(alertSources.slug)),
  ),
  create: adminProcedure.input(createSourceInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => createSource(tx, ctx.actor, input))),
});
