// Grouping rules: everyone reads them; admins change them (audited).
import { z } from "zod";
import { createGroupingRule, deleteGroupingRule, groupingRuleInput, listGroupingRules, updateGroupingRule, updateGroupingRuleInput } from "../../cases/grouping-rule-store";
import { adminProcedure, analystProcedure, createTRPCRouter } from "../trpc";

export const groupingRulesRouter = createTRPCRouter({
  list: analystProcedure.query(({ ctx }) => listGroupingRules(ctx.db)),
  create: adminProcedure.input(groupingRuleInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => createGroupingRule(tx, ctx.actor, input))),
  update: adminProcedure.input(updateGroupingRuleInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => updateGroupingRule(tx, ctx.actor, input))),
  delete: adminProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) => ctx.db.transaction((tx) => deleteGroupingRule(tx, ctx.actor, input.id))),
});
