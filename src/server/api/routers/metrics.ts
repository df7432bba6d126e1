// Metrics dashboard for analysts and managers (computed from rows; see metrics/dashboard.ts).
import { dashboardInput, metricsDashboard } from "../../metrics/dashboard";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const metricsRouter = createTRPCRouter({
  dashboard: analystProcedure.input(dashboardInput).query(({ ctx, input }) => metricsDashboard(ctx.db, input)),
});
