// Composes the resource routers; nothing else belongs here.
import { approvalsRouter } from "./routers/approvals";
import { authRouter } from "./routers/auth";
import { casesRouter } from "./routers/cases";
import { playbooksRouter } from "./routers/playbooks";
import { runsRouter } from "./routers/runs";
import { sourcesRouter } from "./routers/sources";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  approvals: approvalsRouter,
  auth: authRouter,
  cases: casesRouter,
  playbooks: playbooksRouter,
  runs: runsRouter,
  sources: sourcesRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
