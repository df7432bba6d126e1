// Composes the resource routers; nothing else belongs here.
import { alertsRouter } from "./routers/alerts";
import { approvalsRouter } from "./routers/approvals";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { casesRouter } from "./routers/cases";
import { connectionsRouter } from "./routers/connections";
import { containmentRouter } from "./routers/containment";
import { demoRouter } from "./routers/demo";
import { enrichmentsRouter } from "./routers/enrichments";
import { groupingRulesRouter } from "./routers/grouping-rules";
import { ingestFailuresRouter } from "./routers/ingest-failures";
import { metricsRouter } from "./routers/metrics";
import { playbooksRouter } from "./routers/playbooks";
import { runsRouter } from "./routers/runs";
import { sourcesRouter } from "./routers/sources";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  alerts: alertsRouter,
  approvals: approvalsRouter,
  audit: auditRouter,
  auth: authRouter,
  cases: casesRouter,
  connections: connectionsRouter,
  containment: containmentRouter,
  demo: demoRouter,
  enrichments: enrichmentsRouter,
  groupingRules: groupingRulesRouter,
  ingestFailures: ingestFailuresRouter,
  metrics: metricsRouter,
  playbooks: playbooksRouter,
  runs: runsRouter,
  sources: sourcesRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
