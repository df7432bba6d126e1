// Splitting alerts out of a case. An alert that came in by a merge goes back to the case it was
// merged out of (which is restored if it was merged into this one), so splitting the alerts of a
// merge undoes it; any other alert (or all, with toNewCase) goes into one new case. Recorded on
// the timelines of every case involved and in the audit trail, in one transaction.
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alerts, cases } from "../db/schema";
import type { Severity } from "../db/schema/enums";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { maxSeverity } from "./grouping";
import { addCaseEvent } from "./timeline";
import { adjustAlertCount, copyObservables, lockCases, pruneObservables, type LockedCase } from "./move-alerts";

export const splitAlertsInput = z.object({
  caseId: z.string().uuid(),
  alertIds: z.array(z.string().uuid()).min(1, "alertIds: name at least one alert").max(500),
  /** Put every alert into one new case, even those that came in by a merge. (Default: false) */
  toNewCase: z.boolean().default(false),
});
export type SplitAlertsInput = z.input<typeof splitAlertsInput>;

type AlertRow = { id: string; title: string; severity: Severity; caseId: string | null; previousCaseIds: string[]; sourceId: string };

const selectAlerts = (tx: DbOrTx, ids: string[]) =>
  tx.select({ id: alerts.id, title: alerts.title, severity: alerts.severity, caseId: alerts.caseId, previousCaseIds: alerts.previousCaseIds, sourceId: alerts.sourceId }).from(alerts).where(inArray(alerts.id, ids));

/** Where each alert goes: its previous case (when that can take it back) or null for a new case. */
function destinations(rows: AlertRow[], from: LockedCase, locked: Map<string, LockedCase>, toNewCase: boolean): Map<string | null, AlertRow[]> {
  const out = new Map<string | null, AlertRow[]>();
  for (const row of rows) {
    const previous = toNewCase ? undefined : row.previousCaseIds.at(-1);
    const back = previous ? locked.get(previous) : undefined;
    const dest = back && (back.mergedIntoId === null || back.mergedIntoId === from.id) ? back.id : null;
    out.set(dest, [...(out.get(dest) ?? []), row]);
  }
  return out;
}

async function checkAlerts(tx: DbOrTx, caseNumber: number, caseId: string, ids: string[]): Promise<AlertRow[]> {
  const rows = await selectAlerts(tx, ids);
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw new AppError("NOT_FOUND", `alert ${missing} not found`);
  const foreign = rows.find((r) => r.caseId !== caseId);
  if (foreign) throw new AppError("BAD_REQUEST", `alertIds: alert ${foreign.id} is not in case #${caseNumber}`);
  const [rest] = await tx.select({ n: sql<number>`count(*)::int` }).from(alerts).where(and(eq(alerts.caseId, caseId), notInArray(alerts.id, ids)));
  if ((rest?.n ?? 0) === 0) throw new AppError("BAD_REQUEST", "alertIds: a case must keep at least one alert; to move them all, merge the case instead");
  return rows;
}

async function returnToCase(tx: DbOrTx, actor: string, from: LockedCase, to: LockedCase, rows: AlertRow[]) {
  const ids = rows.map((r) => r.id);
  await tx.update(alerts).set({ caseId: to.id, previousCaseIds: sql`trim_array(${alerts.previousCaseIds}, 1)` }).where(inArray(alerts.id, ids));
  await copyObservables(tx, ids, to.id);
  await adjustAlertCount(tx, to.id, ids.length, to.mergedIntoId === from.id ? { mergedIntoId: null } : {});
  await addCaseEvent(tx, { caseId: to.id, actor, kind: "split", data: { from: from.id, fromNumber: from.number, alertIds: ids, restored: true } });
  return { caseId: to.id, number: to.number, alertIds: ids };
}

async function splitToNewCase(tx: DbOrTx, actor: string, from: LockedCase, rows: AlertRow[]) {
  const ids = rows.map((r) => r.id);
  const severity = rows.reduce<Severity>((s, r) => maxSeverity(s, r.severity), "low");
  const [created] = await tx
    .insert(cases)
    // The new case is "from" the source of its first alert, like a case opened by ingest.
    .values({ title: rows[0]!.title, severity, sourceId: rows[0]!.sourceId, alertCount: ids.length, lastAlertAt: new Date() })
    .returning({ id: cases.id, number: cases.number });
  await tx.update(alerts).set({ caseId: created!.id }).where(inArray(alerts.id, ids));
  await copyObservables(tx, ids, created!.id);
  await addCaseEvent(tx, { caseId: created!.id, actor, kind: "case_opened", data: { splitFrom: from.id, splitFromNumber: from.number, alertIds: ids } });
  return { caseId: created!.id, number: created!.number, alertIds: ids };
}

export async function splitAlerts(tx: DbOrTx, actor: string, raw: SplitAlertsInput) {
  const input = splitAlertsInput.parse(raw);
  const ids = [...new Set(input.alertIds)];
  const candidates = (await selectAlerts(tx, ids)).flatMap((r) => r.previousCaseIds.slice(-1));
  const locked = await lockCases(tx, [input.caseId, ...candidates]);
  const from = locked.get(input.caseId)!;
  const rows = await checkAlerts(tx, from.number, from.id, ids); // re-read under the locks
  const moves = [];
  for (const [dest, group] of destinations(rows, from, locked, input.toNewCase))
    moves.push(dest ? await returnToCase(tx, actor, from, locked.get(dest)!, group) : await splitToNewCase(tx, actor, from, group));
  await adjustAlertCount(tx, from.id, -ids.length);
  await pruneObservables(tx, from.id, ids);
  const to = moves.map((m) => ({ caseId: m.caseId, number: m.number, alertIds: m.alertIds }));
  await addCaseEvent(tx, { caseId: from.id, actor, kind: "split", data: { alertIds: ids, to } });
  await appendAudit(tx, { actor, action: "case.split", subject: `case:${from.id}`, data: { alertIds: ids, to } });
  return { caseId: from.id, moves: to };
}
