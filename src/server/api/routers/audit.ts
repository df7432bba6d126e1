// Audit trail (admin): browse with filters, and verify the hash chain end to end.
import { listAudit, listAuditActions, listAuditInput } from "../../audit/queries";
import { verifyAuditChain } from "../../audit/verify";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
  actions: adminProcedure.query(({ ctx }) => listAuditActions(ctx.db)),
  verify: adminProcedure.query(async ({ ctx }) => ({ ...(await verifyAuditChain(ctx.db)), checkedAt: new Date() })),
});
