// Signed one-time approval links, for the notifications that tell approvers about an approval.
// A link is bound to one approval AND one approver, expires with the approval (or earlier), and
// works once. It opens /approve/<token>, which requires the approver to be signed in as that user,
// shows the exact params, and decides only on an explicit click (a mail scanner fetching the link
// decides nothing). Other code builds links with approvalLinkFor() / approvalLink().
import { and, eq, inArray, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { approvals, playbookRuns, users } from "../db/schema";
import { ROLES, type Role } from "../db/schema/enums";
import { publicUrl } from "../env";
import { AppError } from "../errors";
import { decideApproval, decideApprovalInput, type Decider, type DecisionOutcome } from "./approvals";
import { consumeLink, signLink, verifyLink, type LinkPayload } from "./signed-links";

/** Longest life of an approval link, even when the approval stays open longer. */
export const APPROVAL_LINK_MAX_MS = 7 * 86_400_000;

/** The URL of a signed link for `approverId` to decide `approvalId`. */
export function approvalLink(input: { approvalId: string; approverId: string; expiresAt: Date }): string {
  const token = signLink("approval", { approvalId: input.approvalId, approverId: input.approverId }, input.expiresAt);
  return `${publicUrl()}/approve/${token}`;
}

/** Users who may decide the approval: the role or higher, enabled, not the run's requester. */
export async function eligibleApprovers(db: DbOrTx, approvalId: string) {
  const [a] = await db
    .select({ requiredRole: approvals.requiredRole, requestedBy: approvals.requestedBy, runRequestedBy: playbookRuns.requestedBy })
    .from(approvals)
    .innerJoin(playbookRuns, eq(playbookRuns.id, approvals.runId))
    .where(eq(approvals.id, approvalId));
  if (!a) throw new AppError("NOT_FOUND", `approval ${approvalId} not found`);
  const roles = ROLES.slice(ROLES.indexOf(a.requiredRole)) as Role[];
  const excluded = [a.requestedBy, a.runRequestedBy].filter((id): id is string => Boolean(id));
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.disabled, false), excluded.length ? notInArray(users.id, excluded) : undefined));
}

/** A link for one eligible approver, expiring with the approval (at most APPROVAL_LINK_MAX_MS). */
export async function approvalLinkFor(db: DbOrTx, approvalId: string, approverId: string): Promise<string> {
  const [a] = await db.select({ status: approvals.status, expiresAt: approvals.expiresAt }).from(approvals).where(eq(approvals.id, approvalId));
  if (!a) throw new AppError("NOT_FOUND", `approval ${approvalId} not found`);
  if (a.status !== "pending") throw new AppError("CONFLICT", `approval is already ${a.status}`);
  if (!(await eligibleApprovers(db, approvalId)).some((u) => u.id === approverId)) throw new AppError("FORBIDDEN", `user ${approverId} may not decide this approval`);
  const cap = Date.now() + APPROVAL_LINK_MAX_MS;
  return approvalLink({ approvalId, approverId, expiresAt: new Date(Math.min(a.expiresAt?.getTime() ?? cap, cap)) });
}

export interface ApprovalLinkPayload extends LinkPayload {
  approvalId: string;
  approverId: string;
}

/** Verifies an approval link for the signed-in user; throws an AppError naming the problem. */
export function verifyApprovalLink(token: string, user: { id: string }): ApprovalLinkPayload {
  const payload = verifyLink("approval", token) as ApprovalLinkPayload;
  if (typeof payload.approvalId !== "string" || typeof payload.approverId !== "string") throw new AppError("BAD_REQUEST", "this link is malformed");
  if (payload.approverId !== user.id) throw new AppError("FORBIDDEN", "this link was sent to another approver; sign in as the user it was sent to");
  return payload;
}

export const decideByLinkInput = decideApprovalInput.omit({ approvalId: true }).extend({ token: z.string().min(10).max(4_000) });
export type DecideByLinkInput = z.input<typeof decideByLinkInput>;

/** Decides through a link: same rules as the inbox, plus the link must be this user's and unused. */
export async function decideApprovalByLink(tx: DbOrTx, user: Decider, raw: DecideByLinkInput): Promise<DecisionOutcome> {
  const input = decideByLinkInput.parse(raw);
  const payload = verifyApprovalLink(input.token, user);
  await consumeLink(tx, payload, `approval:${payload.approvalId}`);
  return decideApproval(tx, user, { approvalId: payload.approvalId, decision: input.decision, reason: input.reason, paramsHash: input.paramsHash }, "link");
}
