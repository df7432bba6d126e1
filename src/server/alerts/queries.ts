// Read side of alerts: the alerts list (newest first, keyset-paginated) with source, severity,
// observables, duplicate counter and the case each alert belongs to.
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alertObservables, alertSources, alerts, cases, observables } from "../db/schema";
import { SEVERITIES } from "../db/schema/enums";

export const listAlertsInput = z.object({
  sourceId: z.string().uuid().optional(),
  severity: z.array(z.enum(SEVERITIES)).optional(),
  caseId: z.string().uuid().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.object({ receivedAt: z.date(), id: z.string().uuid() }).nullish(),
});
export type ListAlertsInput = z.input<typeof listAlertsInput>;

const OBSERVABLES_PER_ALERT = 12;

async function observablesOf(db: DbOrTx, alertIds: string[]) {
  if (alertIds.length === 0) return new Map<string, { type: string; value: string; role: string | null }[]>();
  const rows = await db
    .select({ alertId: alertObservables.alertId, type: observables.type, value: observables.value, role: alertObservables.role })
    .from(alertObservables)
    .innerJoin(observables, eq(observables.id, alertObservables.observableId))
    .where(inArray(alertObservables.alertId, alertIds))
    .orderBy(observables.type, observables.value);
  const byAlert = new Map<string, { type: string; value: string; role: string | null }[]>();
  for (const { alertId, ...o } of rows) {
    const list = byAlert.get(alertId) ?? [];
    if (list.length < OBSERVABLES_PER_ALERT) list.push(o);
    byAlert.set(alertId, list);
  }
  return byAlert;
}

export async function listAlerts(db: DbOrTx, raw: ListAlertsInput) {
  const input = listAlertsInput.parse(raw);
  const rows = await db
    .select({
      id: alerts.id,
      title: alerts.title,
      severity: alerts.severity,
      category: alerts.category,
      externalId: alerts.externalId,
      occurredAt: alerts.occurredAt,
      receivedAt: alerts.receivedAt,
      lastSeenAt: alerts.lastSeenAt,
      duplicateCount: alerts.duplicateCount,
      source: { id: alertSources.id, slug: alertSources.slug, kind: alertSources.kind },
      case: { id: cases.id, number: cases.number, title: cases.title, status: cases.status },
    })
    .from(alerts)
    .innerJoin(alertSources, eq(alertSources.id, alerts.sourceId))
    .leftJoin(cases, eq(cases.id, alerts.caseId))
    .where(
      and(
        input.sourceId ? eq(alerts.sourceId, input.sourceId) : undefined,
        input.severity?.length ? inArray(alerts.severity, input.severity) : undefined,
        input.caseId ? eq(alerts.caseId, input.caseId) : undefined,
        input.cursor ? or(lt(alerts.receivedAt, input.cursor.receivedAt), and(eq(alerts.receivedAt, input.cursor.receivedAt), lt(alerts.id, input.cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(alerts.receivedAt), desc(alerts.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const obs = await observablesOf(db, page.map((r) => r.id));
  const items = page.map((r) => ({ ...r, case: r.case?.id ? r.case : null, observables: obs.get(r.id) ?? [] }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? { receivedAt: last.receivedAt, id: last.id } : null };
}
