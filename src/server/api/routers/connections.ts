// Connections to external systems (admin): integrations with their form fields, list, add, edit,
// enable/disable, test. Credentials go in, never out: views carry only which fields are set.
import { z } from "zod";
import { createConnection, createConnectionInput, listConnections, listIntegrationForms, setConnectionEnabled, setConnectionEnabledInput, updateConnection, updateConnectionInput } from "../../integrations/connections";
import { testConnection } from "../../integrations/connection-test";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const connectionsRouter = createTRPCRouter({
  integrations: adminProcedure.query(() => listIntegrationForms()),
  list: adminProcedure.query(({ ctx }) => listConnections(ctx.db)),
  create: adminProcedure.input(createConnectionInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => createConnection(tx, ctx.actor, input))),
  update: adminProcedure.input(updateConnectionInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => updateConnection(tx, ctx.actor, input))),
  setEnabled: adminProcedure.input(setConnectionEnabledInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => setConnectionEnabled(tx, ctx.actor, input))),
  /** Runs the integration's harmless test call and returns what happened. */
  test: adminProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) => testConnection(ctx.db, ctx.actor, input.id)),
});
