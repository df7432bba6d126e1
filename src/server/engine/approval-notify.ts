// Body of the "approval.notify" job, enqueued with every new approval. The notifications issue
// sends each eligible approver a message with their own link (approvalLinkFor in
// approval-links.ts) from here; until then it only logs how many approvers could decide.
// Never log the links: each one is a credential for its approver.
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { eligibleApprovers } from "./approval-links";

export async function notifyApprovers(db: Db, approvalId: string, log: Logger): Promise<void> {
  const approvers = await eligibleApprovers(db, approvalId);
  if (approvers.length === 0) log.warn({ approvalId }, "approval requested but no enabled user may decide it");
  else log.info({ approvalId, approvers: approvers.length }, "approval requested");
}
