// Composes the resource routers; nothing else belongs here.
import { authRouter } from "./routers/auth";
import { casesRouter } from "./routers/cases";
import { connectionsRouter } from "./routers/connections";
import { containmentRouter } from "./routers/containment";
import { enrichmentsRouter } from "./routers/enrichments";
import { playbooksRouter } from "./routers/playbooks";
import { runsRouter } from "./routers/runs";
import { sourcesRouter } from "./routers/sources";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  cases: casesRouter,
  connections: connectionsRouter,
  containment: containmentRouter,
  enrichments: enrichmentsRouter,
  playbooks: playbooksRouter,
  runs: runsRouter,
  sources: sourcesRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
