// Grouping in the ingest transaction: a new alert joins the open case that its first applicable
// grouping rule points to (cases/grouping-rules.ts), following merges to the surviving case, or
// opens a new case. An advisory lock on the group key makes concurrent alerts share one case.
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { cases } from "../db/schema";
import { SEVERITIES, type Severity } from "../db/schema/enums";
import type { NormalizedAlert } from "../alerts/types";
import { addCaseEvent } from "./timeline";
import { decideGroup, type GroupingRule } from "./grouping-rules";

export const OPEN_STATUSES = ["new", "triage", "contained"] as const;

export const maxSeverity = (a: Severity, b: Severity): Severity => (SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b);

/** The case a merged case now lives in (bounded walk), if that one is still open. */
async function survivingOpenCase(tx: DbOrTx, caseId: string): Promise<{ id: string; severity: Severity } | undefined> {
  let id = caseId;
  for (let hop = 0; hop < 20; hop++) {
    const [row] = await tx.select({ id: cases.id, severity: cases.severity, status: cases.status, mergedIntoId: cases.mergedIntoId }).from(cases).where(eq(cases.id, id));
    if (!row) return undefined;
    if (!row.mergedIntoId) return (OPEN_STATUSES as readonly string[]).includes(row.status) ? row : undefined;
    id = row.mergedIntoId;
  }
  return undefined;
}

async function findOpenCase(tx: DbOrTx, groupKey: string, windowMinutes: number) {
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const [found] = await tx
    .select({ id: cases.id, severity: cases.severity, mergedIntoId: cases.mergedIntoId })
    .from(cases)
    .where(and(eq(cases.groupKey, groupKey), inArray(cases.status, [...OPEN_STATUSES]), gt(cases.lastAlertAt, since)))
    .orderBy(desc(cases.lastAlertAt))
    .limit(1);
  if (!found) return undefined;
  // Open and not merged (the usual case): the row just read answers, no second read of it.
  if (!found.mergedIntoId) return { id: found.id, severity: found.severity };
  const open = await survivingOpenCase(tx, found.id);
  // A merged case keeps its group key alive, so later alerts of the incident still find the survivor.
  if (open && open.id !== found.id) await tx.update(cases).set({ lastAlertAt: new Date() }).where(eq(cases.id, found.id));
  return open;
}

export async function groupIntoCase(
  tx: DbOrTx,
  input: { sourceId: string; sourceSlug: string; alert: NormalizedAlert; alertId: string; rules: readonly GroupingRule[] },
): Promise<{ caseId: string; created: boolean }> {
  const decision = decideGroup(input.rules, input);
  const actor = `source:${input.sourceSlug}`;
  if (decision) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${"case:" + decision.groupKey}, 0))`);
    const open = await findOpenCase(tx, decision.groupKey, decision.windowMinutes);
    if (open) {
      await tx
        .update(cases)
        .set({ alertCount: sql`${cases.alertCount} + 1`, lastAlertAt: new Date(), severity: maxSeverity(open.severity, input.alert.severity), updatedAt: new Date() })
        .where(eq(cases.id, open.id));
      await addCaseEvent(tx, { caseId: open.id, actor, kind: "alert_added", data: { alertId: input.alertId, title: input.alert.title, ruleId: decision.ruleId } });
      return { caseId: open.id, created: false };
    }
  }
  const [created] = await tx
    .insert(cases)
    .values({ title: input.alert.title, severity: input.alert.severity, groupKey: decision?.groupKey ?? null, sourceId: input.sourceId, alertCount: 1, lastAlertAt: new Date() })
    .returning({ id: cases.id });
  await addCaseEvent(tx, { caseId: created!.id, actor, kind: "case_opened", data: { alertId: input.alertId, title: input.alert.title, ruleId: decision?.ruleId ?? null } });
  return { caseId: created!.id, created: true };
}
