// ctx.integrations.cases: what a playbook may do to its own case beyond comments and status.
// Raise the severity (never lower it), attach observables found while running, and look back
// through recent alerts for other hosts that saw the same indicator (for C2 and malware sweeps).
// Every write lands on the case timeline and the audit log as "playbook:<runId>".
//   await ctx.step("raise severity", () => ctx.integrations.cases.raiseSeverity({ severity: "critical", reason }));
import { and, eq, gt, inArray, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { alertObservables, alerts, caseObservables, cases, observables } from "../db/schema";
import { OBSERVABLE_TYPES, SEVERITIES, type Severity } from "../db/schema/enums";
import { appendAudit } from "../audit/append";
import { durationMs, durationSchema } from "../integrations/duration";
import { IntegrationUsageError } from "../integrations/errors";
import { addCaseEvent } from "./timeline";

export interface CaseApiDeps {
  db: Db;
  run: { id: string; caseId: string | null; alertId?: string | null };
}

const observableRef = z.object({ type: z.enum(OBSERVABLE_TYPES), value: z.string().trim().min(1).max(2048) });
const attachInput = z.object({ observables: z.array(observableRef).max(500), note: z.string().max(500).optional() });
const raiseInput = z.object({ severity: z.enum(SEVERITIES), reason: z.string().max(500).optional() });
const relatedInput = z.object({ indicators: z.array(observableRef).min(1).max(50), within: durationSchema.default("7d") });

export type RelatedHost = { type: "host" | "ip"; value: string; alertId: string; alertTitle: string; caseId: string | null; receivedAt: string };

export interface CaseApi {
  /** Sets the case's severity when `severity` is higher than the current one. */
  raiseSeverity(params: z.input<typeof raiseInput>): Promise<{ from: Severity; to: Severity; changed: boolean }>;
  /** Links observables to the case (created when new); already linked ones are skipped. */
  attachObservables(params: z.input<typeof attachInput>): Promise<{ attached: number }>;
  /**
   * Hosts (host observables, and IPs that were not the destination) of other alerts received
   * within `within` (Default: "7d") that carry one of the indicators. The run's own alert is skipped.
   */
  relatedHosts(params: z.input<typeof relatedInput>): Promise<RelatedHost[]>;
}

function caseOf(deps: CaseApiDeps, verb: string): string {
  if (!deps.run.caseId) throw new IntegrationUsageError(`cases.${verb}: this run has no case`);
  return deps.run.caseId;
}

export function caseApi(deps: CaseApiDeps): CaseApi {
  const { db } = deps;
  const actor = `playbook:${deps.run.id}`;
  return {
    async raiseSeverity(raw) {
      const input = raiseInput.parse(raw);
      const caseId = caseOf(deps, "raiseSeverity");
      return db.transaction(async (tx) => {
        const [row] = await tx.select({ severity: cases.severity }).from(cases).where(eq(cases.id, caseId)).for("update");
        if (!row) throw new IntegrationUsageError(`cases.raiseSeverity: case ${caseId} is gone`);
        if (SEVERITIES.indexOf(input.severity) <= SEVERITIES.indexOf(row.severity)) return { from: row.severity, to: row.severity, changed: false };
        await tx.update(cases).set({ severity: input.severity, updatedAt: new Date() }).where(eq(cases.id, caseId));
        const data = { from: row.severity, to: input.severity, reason: input.reason ?? null };
        await addCaseEvent(tx, { caseId, actor, kind: "severity_changed", data });
        await appendAudit(tx, { actor, action: "case.severity_changed", subject: `case:${caseId}`, data });
        return { from: row.severity, to: input.severity, changed: true };
      });
    },

    async attachObservables(raw) {
      const input = attachInput.parse(raw);
      const caseId = caseOf(deps, "attachObservables");
      if (input.observables.length === 0) return { attached: 0 };
      return db.transaction(async (tx) => {
        const ids = await tx
          .insert(observables)
          .values(input.observables)
          .onConflictDoUpdate({ target: [observables.type, observables.value], set: { lastSeen: sql`now()` } })
          .returning({ id: observables.id, type: observables.type, value: observables.value });
        const added = await tx
          .insert(caseObservables)
          .values(ids.map((o) => ({ caseId, observableId: o.id })))
          .onConflictDoNothing()
          .returning({ observableId: caseObservables.observableId });
        const addedIds = new Set(added.map((a) => a.observableId));
        const list = ids.filter((o) => addedIds.has(o.id)).map(({ type, value }) => ({ type, value }));
        if (list.length) await addCaseEvent(tx, { caseId, actor, kind: "observables_attached", data: { observables: list, note: input.note ?? null } });
        return { attached: list.length };
      });
    },

    async relatedHosts(raw) {
      const input = relatedInput.parse(raw);
      const since = new Date(Date.now() - durationMs(input.within));
      const match = or(...input.indicators.map((i) => and(eq(observables.type, i.type), eq(observables.value, i.value))));
      const hits = await db
        .selectDistinct({ id: alerts.id })
        .from(alerts)
        .innerJoin(alertObservables, eq(alertObservables.alertId, alerts.id))
        .innerJoin(observables, eq(observables.id, alertObservables.observableId))
        .where(and(match, gt(alerts.receivedAt, since), deps.run.alertId ? ne(alerts.id, deps.run.alertId) : undefined))
        .limit(500);
      if (hits.length === 0) return [];
      const rows = await db
        .select({ type: observables.type, value: observables.value, role: alertObservables.role, alertId: alerts.id, title: alerts.title, caseId: alerts.caseId, receivedAt: alerts.receivedAt })
        .from(alertObservables)
        .innerJoin(observables, eq(observables.id, alertObservables.observableId))
        .innerJoin(alerts, eq(alerts.id, alertObservables.alertId))
        .where(and(inArray(alertObservables.alertId, hits.map((h) => h.id)), inArray(observables.type, ["host", "ip"])));
      const indicators = new Set(input.indicators.map((i) => `${i.type}:${i.value}`));
      const seen = new Map<string, RelatedHost>();
      for (const r of rows) {
        const key = `${r.type}:${r.value}`;
        // The destination of a connection is the indicator side, not a host that contacted it.
        if (indicators.has(key) || r.role === "dst" || r.role === "target" || seen.has(key)) continue;
        seen.set(key, { type: r.type as "host" | "ip", value: r.value, alertId: r.alertId, alertTitle: r.title, caseId: r.caseId, receivedAt: r.receivedAt.toISOString() });
      }
      return [...seen.values()];
    },
  };
}
