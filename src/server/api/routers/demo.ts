// Demo data (admin): the dashboard's "Load demo data" runs the same seedDemo as `vigil demo`,
// sending the alerts through this server's own webhook route over HTTP.
import { seedDemo } from "../../demo/seed-demo";
import { env } from "../../env";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Where this server is reachable: VIGIL_PUBLIC_URL when the operator set it, else the origin the admin's browser used. */
function ownBaseUrl(req: Request): string {
  return env().VIGIL_PUBLIC_URL ?? new URL(req.url).origin;
}

export const demoRouter = createTRPCRouter({
  load: adminProcedure.mutation(async ({ ctx }) => {
    const result = await seedDemo(ctx.db, { baseUrl: ownBaseUrl(ctx.req), actor: ctx.actor });
    return {
      sourcesCreated: result.sources.filter((s) => s.created).length,
      alerts: result.alerts.reduce((n, a) => n + a.alertIds.length, 0),
      cases: result.caseIds.length,
      scenarios: [...new Set(result.alerts.map((a) => a.scenario))],
    };
  }),
});
