// tRPC hub.
// 1. CONTEXT      request -> { db, session, actor, resHeaders }
// 2. INIT         superjson, error shape, `meta.minRole` on every procedure (read by the RBAC test)
// 3. PROCEDURES   publicProcedure, analystProcedure, managerProcedure, adminProcedure
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { db as defaultDb, type Db } from "../db/client";
import type { Role } from "../db/schema/enums";
import { AppError, trpcCodeFor } from "../errors";
import { cookieSecure, readSession, sessionTokenFrom, type Session } from "../auth/sessions";

// ─── 1. CONTEXT ──────────────────────────────────────────────────────────────
export interface CreateContextOptions {
  req: Request;
  resHeaders: Headers;
  db?: Db;
}

export async function createTRPCContext(opts: CreateContextOptions) {
  const database = opts.db ?? defaultDb();
  const token = sessionTokenFrom(opts.req.headers, cookieSecure(opts.req));
  const session: Session | null = await readSession(database, token);
  return {
    db: database,
    session,
    sessionToken: session ? token : undefined,
    req: opts.req,
    resHeaders: opts.resHeaders,
    actor: session ? `user:${session.user.id}` : "anonymous",
  };
}
export type Context = Awaited<ReturnType<typeof createTRPCContext>>;

// ─── 2. INIT ─────────────────────────────────────────────────────────────────
export type MinRole = Role | "public";
export interface Meta {
  minRole: MinRole;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        // Never leak internals (stack, SQL) to the browser; keep the actionable message.
        message: error.code === "INTERNAL_SERVER_ERROR" ? "internal error" : zod ? zodMessage(zod) : shape.message,
        data: { ...shape.data, stack: undefined, fields: zod ? zod.issues.map((i) => i.path.join(".")) : undefined },
      };
    },
  });

function zodMessage(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns domain AppErrors into tRPC errors with the matching code, keeping the message. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeFor(cause.code), message: cause.message, cause });
  }
  return result;
});

// ─── 3. PROCEDURES ───────────────────────────────────────────────────────────
export const ROLE_RANK: Record<Role, number> = { analyst: 1, manager: 2, admin: 3 };

/** No session needed (login, health of the session). */
export const publicProcedure = t.procedure.meta({ minRole: "public" }).use(mapAppErrors);

function roleProcedure(minRole: Role) {
  return t.procedure
    .meta({ minRole })
    .use(mapAppErrors)
    .use(({ ctx, next }) => {
      if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
      if (ROLE_RANK[ctx.session.user.role] < ROLE_RANK[minRole])
        throw new TRPCError({ code: "FORBIDDEN", message: `this needs the ${minRole} role` });
      return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
    });
}

/** Read everything, triage cases, comment, start manual playbooks. */
export const analystProcedure = roleProcedure("analyst");
/** Analyst + decide approvals. */
export const managerProcedure = roleProcedure("manager");
/** Everything: sources, connections, users, playbook enablement. */
export const adminProcedure = roleProcedure("admin");
