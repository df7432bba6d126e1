// Grouping: a new alert joins an open case that shares its source, rule and principal observable
// within the window; otherwise it opens a new case. Pure key logic here, the SQL in groupIntoCase.
import { createHash } from "node:crypto";
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { cases } from "../db/schema";
import { SEVERITIES, type Severity } from "../db/schema/enums";
import type { NormalizedAlert, Observable } from "../alerts/types";
import { addCaseEvent } from "./timeline";

export const OPEN_STATUSES = ["new", "triage", "contained"] as const;
export const DEFAULT_WINDOW_MINUTES = 60;
const PRINCIPAL_ORDER = ["user", "host", "ip", "email", "domain", "url", "sha256", "sha1", "md5"] as const;

/** The observable an alert is "about": first user, else host, else ip, ... */
export function principalObservable(observables: readonly Observable[]): Observable | undefined {
  for (const type of PRINCIPAL_ORDER) {
    const found = observables.find((o) => o.type === type);
    if (found) return found;
  }
  return undefined;
}

export function groupKeyFor(sourceId: string, alert: Pick<NormalizedAlert, "title" | "category" | "observables">): string {
  const principal = principalObservable(alert.observables);
  const rule = alert.category || alert.title;
  const parts = [sourceId, rule, principal ? `${principal.type}:${principal.value.toLowerCase()}` : ""];
  return createHash("sha256").update(parts.join("\u0001")).digest("hex").slice(0, 32);
}

export const maxSeverity = (a: Severity, b: Severity): Severity => (SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b);

/**
 * Puts an alert into a case: the open case with the same group key seen within the window, or a
 * new one. An advisory lock on the key makes concurrent alerts of one incident share one case.
 */
export async function groupIntoCase(
  tx: DbOrTx,
  input: { sourceId: string; sourceSlug: string; alert: NormalizedAlert; alertId: string; windowMinutes?: number },
): Promise<{ caseId: string; created: boolean }> {
  const groupKey = groupKeyFor(input.sourceId, input.alert);
  const windowMinutes = input.windowMinutes ?? DEFAULT_WINDOW_MINUTES;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${"case:" + groupKey}, 0))`);
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const [open] = await tx
    .select({ id: cases.id, severity: cases.severity })
    .from(cases)
    .where(and(eq(cases.groupKey, groupKey), inArray(cases.status, [...OPEN_STATUSES]), gt(cases.lastAlertAt, since)))
    .orderBy(desc(cases.lastAlertAt))
    .limit(1);
  const actor = `source:${input.sourceSlug}`;
  if (open) {
    const severity = maxSeverity(open.severity, input.alert.severity);
    await tx
      .update(cases)
      .set({ alertCount: sql`${cases.alertCount} + 1`, lastAlertAt: new Date(), severity, updatedAt: new Date() })
      .where(eq(cases.id, open.id));
    await addCaseEvent(tx, { caseId: open.id, actor, kind: "alert_added", data: { alertId: input.alertId, title: input.alert.title } });
    return { caseId: open.id, created: false };
  }
  const [created] = await tx
    .insert(cases)
    .values({ title: input.alert.title, severity: input.alert.severity, groupKey, sourceId: input.sourceId, alertCount: 1, lastAlertAt: new Date() })
    .returning({ id: cases.id });
  await addCaseEvent(tx, { caseId: created!.id, actor, kind: "case_opened", data: { alertId: input.alertId, title: input.alert.title } });
  return { caseId: created!.id, created: true };
}
