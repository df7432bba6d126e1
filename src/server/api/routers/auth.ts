// Sign in / out and "who am I". Sign-in rotates the session: any session the browser held is dropped.
import { z } from "zod";
import { authenticate } from "../../auth/users";
import { clearedSessionCookie, cookieSecure, createSession, deleteSession, sessionCookie } from "../../auth/sessions";
import { env } from "../../env";
import { clientIp } from "../../http/client-ip";
import { analystProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  login: publicProcedure
    .input(z.object({ email: z.string().min(1, "email is required").max(254), password: z.string().min(1, "password is required").max(256) }))
    .mutation(async ({ ctx, input }) => {
      const ip = clientIp(ctx.req.headers, env().VIGIL_TRUSTED_PROXIES);
      const result = await ctx.db.transaction((tx) => authenticate(tx, input.email, input.password, { ip }));
      if (!result.ok) {
        for (const [name, value] of Object.entries(result.error.headers)) ctx.resHeaders.set(name, value); // Retry-After
        throw result.error;
      }
      if (ctx.sessionToken) await deleteSession(ctx.db, ctx.sessionToken);
      const { token, expiresAt } = await createSession(ctx.db, result.user.id, { ip, userAgent: ctx.req.headers.get("user-agent") });
      ctx.resHeaders.append("set-cookie", sessionCookie(token, expiresAt, cookieSecure(ctx.req)));
      return { user: result.user };
    }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.db, ctx.sessionToken);
    ctx.resHeaders.append("set-cookie", clearedSessionCookie(cookieSecure(ctx.req)));
    return { ok: true };
  }),
  me: analystProcedure.query(({ ctx }) => ctx.user),
});
