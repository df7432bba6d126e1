// Approvals: the inbox (analysts read, managers decide), one approval, decisions from the inbox and
// from signed one-time links. A decision and the run's resume job commit together.
import { z } from "zod";
import { decideApproval, decideApprovalInput } from "../../engine/approvals";
import { decideApprovalByLink, decideByLinkInput, verifyApprovalLink } from "../../engine/approval-links";
import { countPendingApprovals, getApproval, listApprovals, listApprovalsInput } from "../../engine/approval-queries";
import { analystProcedure, createTRPCRouter, managerProcedure } from "../trpc";

export const approvalsRouter = createTRPCRouter({
  list: analystProcedure.input(listApprovalsInput).query(({ ctx, input }) => listApprovals(ctx.db, ctx.user, input)),
  byId: analystProcedure.input(z.object({ id: z.string().uuid() })).query(({ ctx, input }) => getApproval(ctx.db, input.id, ctx.user)),
  pendingCount: analystProcedure.query(({ ctx }) => countPendingApprovals(ctx.db)),
  decide: managerProcedure.input(decideApprovalInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => decideApproval(tx, ctx.user, input, "web"))),
  /** What a signed link points at, for the signed-in approver it was sent to. Does not use the link. */
  byLink: managerProcedure.input(z.object({ token: z.string().min(10).max(4_000) })).query(({ ctx, input }) => getApproval(ctx.db, verifyApprovalLink(input.token, ctx.user).approvalId, ctx.user)),
  decideByLink: managerProcedure.input(decideByLinkInput).mutation(({ ctx, input }) => ctx.db.transaction((tx) => decideApprovalByLink(tx, ctx.user, input))),
});
