// Composes the resource routers; nothing else belongs here.
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { casesRouter } from "./routers/cases";
import { metricsRouter } from "./routers/metrics";
import { playbooksRouter } from "./routers/playbooks";
import { runsRouter } from "./routers/runs";
import { sourcesRouter } from "./routers/sources";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  audit: auditRouter,
  auth: authRouter,
  cases: casesRouter,
  metrics: metricsRouter,
  playbooks: playbooksRouter,
  runs: runsRouter,
  sources: sourcesRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
