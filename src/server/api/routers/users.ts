// Users (admin): list, create, set role, disable/enable.
import { asc } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { ROLES } from "../../db/schema/enums";
import { createUser, createUserInput, setUserDisabled, setUserRole } from "../../auth/users";
import { AppError } from "../../errors";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** An admin locking themselves out (demoted or disabled) would leave nobody to undo it. */
function notSelf(actorId: string, userId: string, what: string) {
  if (actorId === userId) throw new AppError("CONFLICT", `you cannot ${what} your own account; ask another admin`);
}

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) =>
    ctx.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt })
      .from(users)
      .orderBy(asc(users.email)),
  ),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => createUser(tx, ctx.actor, input))),
  setRole: adminProcedure
    .input(z.object({ userId: z.string().uuid(), role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) => {
      notSelf(ctx.user.id, input.userId, "change the role of");
      return ctx.db.transaction((tx) => setUserRole(tx, ctx.actor, input.userId, input.role));
    }),
  setDisabled: adminProcedure
    .input(z.object({ userId: z.string().uuid(), disabled: z.boolean() }))
    .mutation(({ ctx, input }) => {
      notSelf(ctx.user.id, input.userId, "disable");
      return ctx.db.transaction((tx) => setUserDisabled(tx, ctx.actor, input.userId, input.disabled));
    }),
});
