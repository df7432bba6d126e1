// Read side of cases: the list (keyset-paginated, newest first) and one case with everything the
// case page shows.
import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alertSources, alerts, caseEvents, caseObservables, cases, comments, observables, users } from "../db/schema";
import { CASE_STATUSES, SEVERITIES } from "../db/schema/enums";
import { AppError } from "../errors";
import { listRunsForCase } from "../engine/run-queries";

export const listCasesInput = z.object({
  status: z.array(z.enum(CASE_STATUSES)).optional(),
  severity: z.array(z.enum(SEVERITIES)).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Keyset cursor: the createdAt and id of the last row of the previous page. */
  cursor: z.object({ createdAt: z.date(), id: z.string().uuid() }).nullish(),
});
export type ListCasesInput = z.input<typeof listCasesInput>;

export async function listCases(db: DbOrTx, raw: ListCasesInput) {
  const input = listCasesInput.parse(raw);
  const where = and(
    input.status?.length ? inArray(cases.status, input.status) : undefined,
    input.severity?.length ? inArray(cases.severity, input.severity) : undefined,
    input.cursor
      ? or(lt(cases.createdAt, input.cursor.createdAt), and(eq(cases.createdAt, input.cursor.createdAt), lt(cases.id, input.cursor.id)))
      : undefined,
  );
  const rows = await db
    .select({
      id: cases.id,
      number: cases.number,
      title: cases.title,
      severity: cases.severity,
      status: cases.status,
      alertCount: cases.alertCount,
      createdAt: cases.createdAt,
      lastAlertAt: cases.lastAlertAt,
      assignee: { id: users.id, name: users.name },
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .where(where)
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, assignee: r.assignee?.id ? r.assignee : null }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** A case by uuid or by its number. */
export async function getCaseDetail(db: DbOrTx, idOrNumber: string) {
  const byNumber = /^\d+$/.test(idOrNumber);
  if (!byNumber && !z.string().uuid().safeParse(idOrNumber).success) throw new AppError("BAD_REQUEST", "case id must be a uuid or a case number");
  const [row] = await db
    .select()
    .from(cases)
    .where(byNumber ? eq(cases.number, Number(idOrNumber)) : eq(cases.id, idOrNumber))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", `case ${idOrNumber} not found`);
  const [caseAlerts, timeline, caseComments, caseObs, runs, assignee] = await Promise.all([
    db
      .select({ id: alerts.id, title: alerts.title, severity: alerts.severity, category: alerts.category, occurredAt: alerts.occurredAt, receivedAt: alerts.receivedAt, duplicateCount: alerts.duplicateCount, externalId: alerts.externalId, raw: alerts.raw, normalized: alerts.normalized, source: alertSources.slug })
      .from(alerts)
      .innerJoin(alertSources, eq(alertSources.id, alerts.sourceId))
      .where(eq(alerts.caseId, row.id))
      .orderBy(desc(alerts.receivedAt))
      .limit(500),
    db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.at), asc(caseEvents.id)).limit(2000),
    db.select().from(comments).where(eq(comments.caseId, row.id)).orderBy(asc(comments.createdAt)),
    db
      .select({ id: observables.id, type: observables.type, value: observables.value, firstSeen: observables.firstSeen, lastSeen: observables.lastSeen })
      .from(caseObservables)
      .innerJoin(observables, eq(observables.id, caseObservables.observableId))
      .where(eq(caseObservables.caseId, row.id))
      .orderBy(asc(observables.type), asc(observables.value)),
    listRunsForCase(db, row.id),
    row.assigneeId ? db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, row.assigneeId)) : Promise.resolve([]),
  ]);
  return { ...row, assignee: assignee[0] ?? null, alerts: caseAlerts, timeline, comments: caseComments, observables: caseObs, runs };
}

export async function countCasesByStatus(db: DbOrTx) {
  const rows = await db.select({ status: cases.status, n: sql<number>`count(*)::int` }).from(cases).groupBy(cases.status);
  return Object.fromEntries(CASE_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<(typeof CASE_STATUSES)[number], number>;
}
