// Read side of approvals: the inbox (pending first), one approval, the approvals of a run. Each
// item says whether the viewer may decide it and, if not, why (role, separation of duties, ...).
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alertSources, alerts, approvalDecisions, approvals, cases, playbookRuns, playbooks, users } from "../db/schema";
import type { Role } from "../db/schema/enums";
import { AppError } from "../errors";
import { redactSecrets } from "../audit/redact";
import { roleAtLeast } from "./approval-spec";

export interface Viewer {
  id: string;
  role: Role;
}

const requester = alias(users, "requester");

const columns = {
  id: approvals.id,
  runId: approvals.runId,
  stepName: approvals.stepName,
  title: approvals.title,
  params: approvals.params,
  paramsHash: approvals.paramsHash,
  requiredRole: approvals.requiredRole,
  quorum: approvals.quorum,
  status: approvals.status,
  onTimeout: approvals.onTimeout,
  expiresAt: approvals.expiresAt,
  createdAt: approvals.createdAt,
  decidedAt: approvals.decidedAt,
  requestedBy: approvals.requestedBy,
  requestedByName: requester.name,
  requestedByEmail: requester.email,
  runRequestedBy: playbookRuns.requestedBy,
  runStatus: playbookRuns.status,
  playbookId: playbookRuns.playbookId,
  playbookTitle: playbooks.title,
  caseId: playbookRuns.caseId,
  caseNumber: cases.number,
  caseTitle: cases.title,
  sourceSlug: alertSources.slug,
};

function baseQuery(db: DbOrTx) {
  return db
    .select(columns)
    .from(approvals)
    .innerJoin(playbookRuns, eq(playbookRuns.id, approvals.runId))
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .leftJoin(cases, eq(cases.id, playbookRuns.caseId))
    .leftJoin(requester, eq(requester.id, approvals.requestedBy))
    .leftJoin(alerts, eq(alerts.id, playbookRuns.alertId))
    .leftJoin(alertSources, eq(alertSources.id, alerts.sourceId));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

async function withDecisions(db: DbOrTx, rows: Row[], viewer: Viewer | null) {
  const ids = rows.map((r) => r.id);
  const decisions = ids.length
    ? await db
        .select({ approvalId: approvalDecisions.approvalId, userId: approvalDecisions.userId, name: users.name, email: users.email, decision: approvalDecisions.decision, reason: approvalDecisions.reason, via: approvalDecisions.via, at: approvalDecisions.at })
        .from(approvalDecisions)
        .innerJoin(users, eq(users.id, approvalDecisions.userId))
        .where(inArray(approvalDecisions.approvalId, ids))
        .orderBy(asc(approvalDecisions.at))
    : [];
  return rows.map(({ runRequestedBy, sourceSlug, ...r }) => {
    const mine = decisions.filter((d) => d.approvalId === r.id);
    return {
      ...r,
      params: redactSecrets(r.params),
      requestedVia: r.requestedBy ? "manual run" : sourceSlug ? `trigger on an alert from ${sourceSlug}` : "playbook trigger",
      decisions: mine.map(({ approvalId: _a, ...d }) => d),
      approvalsSoFar: mine.filter((d) => d.decision === "approve").length,
      ...(viewer ? { viewer: viewerRights(r, runRequestedBy, mine, viewer) } : {}),
    };
  });
}

function viewerRights(r: Pick<Row, "status" | "quorum" | "requiredRole" | "requestedBy" | "expiresAt">, runRequestedBy: string | null, decisions: { userId: string; decision: string }[], viewer: Viewer): { canDecide: boolean; reason: string | null } {
  const mine = decisions.find((d) => d.userId === viewer.id);
  const no = (reason: string) => ({ canDecide: false, reason });
  if (r.status !== "pending") return no(`this approval is ${r.status}`);
  if (mine) return no(`you chose "${mine.decision}"; waiting for ${r.quorum - decisions.filter((d) => d.decision === "approve").length} more`);
  if (!roleAtLeast(viewer.role, r.requiredRole)) return no(`deciding needs the ${r.requiredRole} role`);
  if (viewer.id === r.requestedBy || viewer.id === runRequestedBy) return no("you requested this run; another approver must decide (separation of duties)");
  if (r.expiresAt && r.expiresAt.getTime() <= Date.now()) return no("this approval has expired");
  return { canDecide: true, reason: null };
}

export const listApprovalsInput = z
  .object({ status: z.enum(["pending", "decided", "all"]).default("all"), limit: z.number().int().min(1).max(200).default(50) })
  .default({ status: "all", limit: 50 });

/** The inbox: pending approvals first (oldest deadline first), then the latest decided ones. */
export async function listApprovals(db: DbOrTx, viewer: Viewer, raw: z.input<typeof listApprovalsInput> = {}) {
  const input = listApprovalsInput.parse(raw);
  const filter: SQL | undefined = input.status === "pending" ? eq(approvals.status, "pending") : input.status === "decided" ? sql`${approvals.status} <> 'pending'` : undefined;
  const rows = await baseQuery(db)
    .where(filter)
    .orderBy(sql`(${approvals.status} = 'pending') desc`, sql`case when ${approvals.status} = 'pending' then ${approvals.expiresAt} end asc nulls last`, desc(approvals.createdAt))
    .limit(input.limit);
  return withDecisions(db, rows, viewer);
}

export async function getApproval(db: DbOrTx, approvalId: string, viewer: Viewer | null) {
  const rows = await baseQuery(db).where(eq(approvals.id, approvalId)).limit(1);
  if (rows.length === 0) throw new AppError("NOT_FOUND", `approval ${approvalId} not found`);
  return (await withDecisions(db, rows, viewer))[0]!;
}

export async function listApprovalsOfRun(db: DbOrTx, runId: string) {
  const rows = await baseQuery(db).where(and(eq(approvals.runId, runId))).orderBy(asc(approvals.createdAt));
  return withDecisions(db, rows, null);
}

export async function countPendingApprovals(db: DbOrTx): Promise<number> {
  return db.$count(approvals, eq(approvals.status, "pending"));
}
