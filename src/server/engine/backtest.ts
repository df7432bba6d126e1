// Backtest: replays stored alerts through a playbook's trigger and, for those that match, through
// the playbook itself in the test harness (dry run: recorded fakes, approvals approved unless
// scripted otherwise). Reports how many runs it would have started and which actions they took.
import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { alertSources, alerts } from "../db/schema";
import type { NormalizedAlert } from "../alerts/types";
import type { AnyPlaybook, RunAlert } from "./define-playbook";
import type { FakeScript } from "./fake-integrations";
import { testPlaybook, type PlaybookTestOptions } from "./testing";
import { observableMap, triggerMatches } from "./triggers";

export interface BacktestOptions {
  since: Date;
  integrations?: FakeScript;
  approvals?: PlaybookTestOptions["approvals"];
  /** At most this many alerts are scanned. (Default: 5000) */
  limit?: number;
}

export interface BacktestReport {
  playbookId: string;
  since: Date;
  alertsScanned: number;
  runs: number;
  outcomes: Record<string, number>;
  /** Integration calls by "system.action", plus comment / case status counts. */
  actions: Record<string, number>;
  approvals: number;
  failures: { alertId: string; title: string; error: string }[];
}

async function storedAlerts(db: DbOrTx, since: Date, limit: number) {
  return db
    .select({
      id: alerts.id,
      title: alerts.title,
      severity: alerts.severity,
      category: alerts.category,
      occurredAt: alerts.occurredAt,
      normalized: alerts.normalized,
      caseId: alerts.caseId,
      sourceSlug: alertSources.slug,
      sourceKind: alertSources.kind,
      // Whether this alert opened its case: the first alert of the case.
      openedCase: sql<boolean>`not exists (select 1 from alerts a2 where a2.case_id = ${alerts.caseId} and a2.received_at < ${alerts.receivedAt})`,
    })
    .from(alerts)
    .innerJoin(alertSources, eq(alertSources.id, alerts.sourceId))
    .where(and(gte(alerts.receivedAt, since)))
    .orderBy(asc(alerts.receivedAt))
    .limit(limit);
}

const bump = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);

export async function backtestPlaybook(db: DbOrTx, playbook: AnyPlaybook, options: BacktestOptions): Promise<BacktestReport> {
  const rows = await storedAlerts(db, options.since, options.limit ?? 5_000);
  const report: BacktestReport = { playbookId: playbook.id, since: options.since, alertsScanned: rows.length, runs: 0, outcomes: {}, actions: {}, approvals: 0, failures: [] };
  for (const row of rows) {
    const normalized = row.normalized as Omit<NormalizedAlert, "raw" | "occurredAt"> & { occurredAt: string };
    const observables = observableMap(normalized.observables ?? []);
    const trigger = { sourceSlug: row.sourceSlug, sourceKind: row.sourceKind, normalized: { ...normalized, occurredAt: new Date(normalized.occurredAt) }, observables, newCase: row.openedCase };
    if (!triggerMatches(playbook.trigger, trigger)) continue;
    report.runs++;
    const alert: RunAlert = { id: row.id, title: row.title, severity: row.severity, category: row.category, sourceSlug: row.sourceSlug, occurredAt: row.occurredAt.toISOString(), normalized, observables };
    const result = await testPlaybook(playbook, { alert, caseId: row.caseId, integrations: options.integrations, approvals: options.approvals, now: row.occurredAt });
    bump(report.outcomes, result.status);
    for (const c of result.calls) bump(report.actions, c.path);
    for (const _ of result.comments) bump(report.actions, "comment");
    for (const s of result.caseStatuses) bump(report.actions, `case status → ${s}`);
    report.approvals += result.approvals.length;
    if (result.error) report.failures.push({ alertId: row.id, title: row.title, error: result.error });
  }
  return report;
}
