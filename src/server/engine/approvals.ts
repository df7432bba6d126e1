// Approvals: created by ctx.approval, decided by managers (web inbox or signed link), expired by a
// scheduled job. Each decision locks the approval row, so concurrent deciders are serialised: the
// quorum is reached exactly once, and the decision that reaches it enqueues the run's resume job
// in the same transaction.
import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { approvalDecisions, approvals, playbookRuns, users } from "../db/schema";
import type { Role } from "../db/schema/enums";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { addCaseEvent } from "../cases/timeline";
import { approvalResult, roleAtLeast, type ApprovalSpec, type DecisionRow } from "./approval-spec";
import type { ApprovalResult } from "./define-playbook";
import { enqueueJob, enqueueRun, removeJobs, TASKS } from "./jobs";

export const decideApprovalInput = z.object({
  approvalId: z.string().uuid(),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(2_000).optional(),
  /** The params hash the decider was shown; the decision is bound to it. */
  paramsHash: z.string().regex(/^[0-9a-f]{64}$/, "must be the 64-hex params hash shown with the approval"),
});
export type DecideApprovalInput = z.input<typeof decideApprovalInput>;

export interface Decider {
  id: string;
  role: Role;
}

export interface DecisionOutcome {
  approvalId: string;
  status: "pending" | "approved" | "rejected" | "expired" | "cancelled";
  approvals: number;
  quorum: number;
}

/** Creates the approval (pending), its expiry job and its notification job. */
export async function createApproval(
  tx: DbOrTx,
  run: { id: string; playbookId: string; caseId: string | null; requestedBy: string | null },
  stepName: string,
  spec: ApprovalSpec,
): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + spec.expiresInMs);
  const [row] = await tx
    .insert(approvals)
    .values({ runId: run.id, stepName, title: spec.title, params: spec.params, paramsHash: spec.paramsHash, requiredRole: spec.role, quorum: spec.quorum, requestedBy: run.requestedBy, expiresAt, onTimeout: spec.onTimeout })
    .returning({ id: approvals.id });
  const id = row!.id;
  const expireJobId = await enqueueJob(tx, TASKS.approvalExpire, { approvalId: id }, { runAt: expiresAt });
  await tx.update(approvals).set({ expireJobId }).where(eq(approvals.id, id));
  await enqueueJob(tx, TASKS.approvalNotify, { approvalId: id }, { maxAttempts: 5 });
  const data = { approvalId: id, runId: run.id, title: spec.title, params: spec.params, role: spec.role, quorum: spec.quorum, expiresAt: expiresAt.toISOString() };
  if (run.caseId) await addCaseEvent(tx, { caseId: run.caseId, actor: `playbook:${run.id}`, kind: "approval_requested", data });
  await appendAudit(tx, { actor: `playbook:${run.id}`, action: "approval.request", subject: `approval:${id}`, data: { ...data, playbookId: run.playbookId, requestedBy: run.requestedBy } });
  return { id, expiresAt };
}

async function lockApproval(tx: DbOrTx, approvalId: string) {
  const [row] = await tx
    .select({
      id: approvals.id,
      runId: approvals.runId,
      title: approvals.title,
      status: approvals.status,
      quorum: approvals.quorum,
      requiredRole: approvals.requiredRole,
      requestedBy: approvals.requestedBy,
      paramsHash: approvals.paramsHash,
      expiresAt: approvals.expiresAt,
      expireJobId: approvals.expireJobId,
      runRequestedBy: playbookRuns.requestedBy,
      caseId: playbookRuns.caseId,
    })
    .from(approvals)
    .innerJoin(playbookRuns, eq(playbookRuns.id, approvals.runId))
    .where(eq(approvals.id, approvalId))
    .for("update", { of: approvals });
  if (!row) throw new AppError("NOT_FOUND", `approval ${approvalId} not found`);
  return row;
}

async function approveCount(tx: DbOrTx, approvalId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(approvalDecisions).where(and(eq(approvalDecisions.approvalId, approvalId), eq(approvalDecisions.decision, "approve")));
  return Number(row?.n ?? 0);
}

/** Checks everything that makes a decision invalid; throws an AppError naming the problem. */
function assertMayDecide(a: Awaited<ReturnType<typeof lockApproval>>, user: Decider, input: z.output<typeof decideApprovalInput>): void {
  if (a.status !== "pending") throw new AppError("CONFLICT", `approval "${a.title}" is already ${a.status}`);
  if (a.expiresAt && a.expiresAt.getTime() <= Date.now()) throw new AppError("CONFLICT", `approval "${a.title}" expired at ${a.expiresAt.toISOString()}`);
  if (!roleAtLeast(user.role, a.requiredRole)) throw new AppError("FORBIDDEN", `deciding "${a.title}" needs the ${a.requiredRole} role`);
  if (user.id === a.requestedBy || user.id === a.runRequestedBy)
    throw new AppError("FORBIDDEN", `you requested this run, so another ${a.requiredRole} must decide "${a.title}" (separation of duties)`);
  if (input.paramsHash !== a.paramsHash)
    throw new AppError("CONFLICT", `paramsHash: the parameters of "${a.title}" are not the ones you were shown; reload the approval and review them again`);
  if (input.decision === "reject" && !input.reason) throw new AppError("BAD_REQUEST", "reason: say why you reject, so the analysts know what to do instead");
}

/** Records one user's decision; resolves the approval when it rejects or completes the quorum. */
export async function decideApproval(tx: DbOrTx, user: Decider, raw: DecideApprovalInput, via: "web" | "link" = "web"): Promise<DecisionOutcome> {
  const input = decideApprovalInput.parse(raw);
  const a = await lockApproval(tx, input.approvalId);
  const [mine] = await tx.select({ decision: approvalDecisions.decision }).from(approvalDecisions).where(and(eq(approvalDecisions.approvalId, a.id), eq(approvalDecisions.userId, user.id)));
  if (mine) {
    // A repeated click: the first one counted, this one records nothing.
    if (mine.decision === input.decision) return { approvalId: a.id, status: a.status, approvals: await approveCount(tx, a.id), quorum: a.quorum };
    throw new AppError("CONFLICT", `you already chose "${mine.decision}" for "${a.title}"`);
  }
  assertMayDecide(a, user, input);
  await tx.insert(approvalDecisions).values({ approvalId: a.id, userId: user.id, decision: input.decision, reason: input.reason || null, paramsHash: input.paramsHash, via });
  const approvalsSoFar = await approveCount(tx, a.id);
  const status = input.decision === "reject" ? "rejected" : approvalsSoFar >= a.quorum ? "approved" : "pending";
  const actor = `user:${user.id}`;
  await appendAudit(tx, { actor, action: "approval.decide", subject: `approval:${a.id}`, data: { decision: input.decision, reason: input.reason ?? null, via, paramsHash: input.paramsHash, runId: a.runId } });
  if (a.caseId) await addCaseEvent(tx, { caseId: a.caseId, actor, kind: "approval_decided", data: { approvalId: a.id, title: a.title, decision: input.decision, reason: input.reason ?? null, status, via } });
  if (status !== "pending") await resolve(tx, a, status, actor);
  return { approvalId: a.id, status, approvals: approvalsSoFar, quorum: a.quorum };
}

async function resolve(tx: DbOrTx, a: { id: string; runId: string; expireJobId: number | null }, status: "approved" | "rejected" | "expired", actor: string) {
  await tx.update(approvals).set({ status, decidedAt: new Date() }).where(eq(approvals.id, a.id));
  if (status !== "expired") await removeJobs(tx, [a.expireJobId]);
  await enqueueRun(tx, a.runId);
  await appendAudit(tx, { actor, action: `approval.${status}`, subject: `approval:${a.id}`, data: { runId: a.runId } });
}

/** The body of the approval.expire job. Returns the time to retry at when it ran early. */
export async function expireApproval(tx: DbOrTx, approvalId: string): Promise<{ expired: boolean; notYet?: Date }> {
  const a = await lockApproval(tx, approvalId).catch((e: unknown) => (e instanceof AppError && e.code === "NOT_FOUND" ? null : Promise.reject(e)));
  if (!a || a.status !== "pending") return { expired: false };
  if (a.expiresAt && a.expiresAt.getTime() > Date.now()) return { expired: false, notYet: a.expiresAt };
  await resolve(tx, { ...a, expireJobId: null }, "expired", "system");
  if (a.caseId) await addCaseEvent(tx, { caseId: a.caseId, actor: "system", kind: "approval_expired", data: { approvalId: a.id, title: a.title } });
  return { expired: true };
}

/** Pending approvals of a run become cancelled (the run was cancelled). */
export async function cancelApprovalsOfRun(tx: DbOrTx, runId: string): Promise<void> {
  const pending = await tx.update(approvals).set({ status: "cancelled", decidedAt: new Date() }).where(and(eq(approvals.runId, runId), eq(approvals.status, "pending"))).returning({ expireJobId: approvals.expireJobId });
  await removeJobs(tx, pending.map((p) => p.expireJobId));
}

/** The approval of a run's step, with what ctx.approval needs to replay it. */
export async function approvalForStep(db: DbOrTx, runId: string, stepName: string) {
  const [row] = await db.select().from(approvals).where(and(eq(approvals.runId, runId), eq(approvals.stepName, stepName)));
  return row;
}

export async function decisionsOf(db: DbOrTx, approvalId: string): Promise<DecisionRow[]> {
  return db
    .select({ name: users.name, decision: approvalDecisions.decision, reason: approvalDecisions.reason, at: approvalDecisions.at })
    .from(approvalDecisions)
    .innerJoin(users, eq(users.id, approvalDecisions.userId))
    .where(eq(approvalDecisions.approvalId, approvalId))
    .orderBy(asc(approvalDecisions.at));
}

export async function resultOf(db: DbOrTx, a: { id: string; status: string; onTimeout: string }): Promise<ApprovalResult> {
  return approvalResult(a.status as "approved" | "rejected" | "expired", a.onTimeout, await decisionsOf(db, a.id));
}
