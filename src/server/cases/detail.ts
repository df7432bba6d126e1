// One case with everything its page shows: alerts, observables (with enrichments and how many
// other cases they appear in), playbook runs with steps, approvals, containment, and the timeline.
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import {
  alertSources,
  alerts,
  approvalDecisions,
  approvals,
  caseEvents,
  caseObservables,
  cases,
  containmentActions,
  enrichments,
  observables,
  users,
} from "../db/schema";
import { AppError } from "../errors";
import { listRunsForCase } from "../engine/run-queries";
import { buildTimeline } from "./timeline-view";

export const ALERTS_SHOWN = 200;

export async function findCaseRow(db: DbOrTx, idOrNumber: string) {
  const byNumber = /^#?\d{1,15}$/.test(idOrNumber);
  if (!byNumber && !z.string().uuid().safeParse(idOrNumber).success) throw new AppError("BAD_REQUEST", "case id must be a uuid or a case number");
  const [row] = await db
    .select()
    .from(cases)
    .where(byNumber ? eq(cases.number, Number(idOrNumber.replace("#", ""))) : eq(cases.id, idOrNumber))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", `case ${idOrNumber} not found`);
  return row;
}

async function caseObservablesWithContext(db: DbOrTx, caseId: string) {
  const obs = await db
    .select({ id: observables.id, type: observables.type, value: observables.value, firstSeen: observables.firstSeen, lastSeen: observables.lastSeen })
    .from(caseObservables)
    .innerJoin(observables, eq(observables.id, caseObservables.observableId))
    .where(eq(caseObservables.caseId, caseId))
    .orderBy(asc(observables.type), asc(observables.value))
    .limit(500);
  const ids = obs.map((o) => o.id);
  if (ids.length === 0) return [];
  const [counts, enr] = await Promise.all([
    db
      .select({ id: caseObservables.observableId, n: sql<number>`count(*)::int` })
      .from(caseObservables)
      .where(inArray(caseObservables.observableId, ids))
      .groupBy(caseObservables.observableId),
    db.select().from(enrichments).where(inArray(enrichments.observableId, ids)).orderBy(asc(enrichments.provider)),
  ]);
  const other = new Map(counts.map((c) => [c.id, c.n - 1]));
  return obs.map((o) => ({
    ...o,
    otherCases: other.get(o.id) ?? 0,
    enrichments: enr
      .filter((e) => e.observableId === o.id)
      .map((e) => ({ provider: e.provider, verdict: e.verdict, score: e.score, result: e.result, fetchedAt: e.fetchedAt, expiresAt: e.expiresAt })),
  }));
}

async function approvalsForRuns(db: DbOrTx, runIds: string[]) {
  if (runIds.length === 0) return { approvals: [], decisions: [] };
  const rows = await db.select().from(approvals).where(inArray(approvals.runId, runIds)).orderBy(asc(approvals.createdAt));
  const ids = rows.map((a) => a.id);
  const decisions = ids.length ? await db.select().from(approvalDecisions).where(inArray(approvalDecisions.approvalId, ids)).orderBy(asc(approvalDecisions.at)) : [];
  return { approvals: rows, decisions };
}

/** Display names for "user:<uuid>" actors (and user ids) appearing on the page. */
async function actorNames(db: DbOrTx, userIds: Iterable<string>): Promise<Record<string, string>> {
  const ids = [...new Set(userIds)].filter((id) => z.string().uuid().safeParse(id).success);
  if (ids.length === 0) return {};
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return Object.fromEntries(rows.map((u) => [u.id, u.name]));
}

export async function getCaseDetail(db: DbOrTx, idOrNumber: string) {
  const row = await findCaseRow(db, idOrNumber);
  const [caseAlerts, events, obs, runs, containment, source] = await Promise.all([
    db
      .select({ id: alerts.id, title: alerts.title, severity: alerts.severity, category: alerts.category, occurredAt: alerts.occurredAt, receivedAt: alerts.receivedAt, lastSeenAt: alerts.lastSeenAt, duplicateCount: alerts.duplicateCount, externalId: alerts.externalId, raw: alerts.raw, source: alertSources.slug, fromMerge: sql<boolean>`cardinality(${alerts.previousCaseIds}) > 0` })
      .from(alerts)
      .innerJoin(alertSources, eq(alertSources.id, alerts.sourceId))
      .where(eq(alerts.caseId, row.id))
      .orderBy(desc(alerts.receivedAt))
      .limit(ALERTS_SHOWN),
    db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.at), asc(caseEvents.id)).limit(2000),
    caseObservablesWithContext(db, row.id),
    listRunsForCase(db, row.id),
    db.select().from(containmentActions).where(eq(containmentActions.caseId, row.id)).orderBy(desc(containmentActions.createdAt)),
    row.sourceId ? db.select({ slug: alertSources.slug }).from(alertSources).where(eq(alertSources.id, row.sourceId)) : Promise.resolve([]),
  ]);
  const { approvals: caseApprovals, decisions } = await approvalsForRuns(db, runs.map((r) => r.id));
  const steps = runs.flatMap((r) => r.steps.map((s) => ({ ...s, playbookTitle: r.playbookTitle })));
  const timeline = buildTimeline({ events, steps, approvals: caseApprovals, decisions, containment });
  const names = await actorNames(db, [
    ...timeline.map((e) => e.actor.replace(/^user:/, "")),
    ...decisions.map((d) => d.userId),
    ...caseApprovals.flatMap((a) => (a.requestedBy ? [a.requestedBy] : [])),
    ...(row.assigneeId ? [row.assigneeId] : []),
  ]);
  return {
    ...row,
    source: source[0]?.slug ?? null,
    assignee: row.assigneeId ? { id: row.assigneeId, name: names[row.assigneeId] ?? "unknown user" } : null,
    alerts: caseAlerts,
    observables: obs,
    runs,
    approvals: caseApprovals.map((a) => ({ ...a, decisions: decisions.filter((d) => d.approvalId === a.id) })),
    containment,
    timeline,
    actorNames: names,
  };
}
export type CaseDetail = Awaited<ReturnType<typeof getCaseDetail>>;

