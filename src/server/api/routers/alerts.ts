// Alerts: the list with source, severity, observables, duplicates and case.
import { listAlerts, listAlertsInput } from "../../alerts/queries";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const alertsRouter = createTRPCRouter({
  list: analystProcedure.input(listAlertsInput).query(({ ctx, input }) => listAlerts(ctx.db, input)),
});
