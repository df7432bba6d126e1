// Metrics on real Postgres: the dashboard's numbers come from the timeline and rows (MTTA, MTTR,
// automation rate, approval median, top observables), and /api/metrics exposes the operators'
// counters in the Prometheus text format.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, caseEvents, cases, intakeCounters, playbookRuns } from "@/server/db/schema";
import { recordIngestFailure } from "@/server/intake/failures";
import { prometheusMetrics } from "@/server/metrics/prometheus";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ingestAlert, seedSource, seedUser } from "../helpers/fixtures";
import { callerFor } from "../helpers/trpc";

let t: TestDatabase;
let slug: string;
const caseIds: string[] = [];
const runIds: string[] = [];
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  t = await createTestDatabase("metrics");
  const source = await seedSource(t.db, { slug: "metrics-siem" });
  slug = source.slug;
  for (const user of ["alice", "bob", "carol"]) {
    const s = await ingestAlert(t.db, source, { id: `m-${user}`, title: `Brute force ${user}`, severity: "high", user, src_ip: "198.51.100.99" });
    caseIds.push(s.caseId!);
    runIds.push(s.runIds[0]!);
  }
  await ingestAlert(t.db, source, { id: "m-alice", title: "Brute force alice", severity: "high", user: "alice" }); // a duplicate
  const analyst = callerFor(t.db, await seedUser(t.db, "analyst"));
  // Case 0: a person acknowledges after 30 min and resolves after 1 h. Case 1: a playbook closes it
  // alone after 3 h. Case 2 stays open. Times are set in SQL to make the expected values exact.
  await analyst.cases.acknowledge({ caseId: caseIds[0]! });
  await analyst.cases.setStatus({ caseId: caseIds[0]!, status: "resolved" });
  await t.db.insert(caseEvents).values({ caseId: caseIds[1]!, actor: `playbook:${runIds[1]}`, kind: "status_changed", data: { from: "new", to: "resolved" } });
  const base = hoursAgo(5);
  await t.db.update(cases).set({ createdAt: base }).where(sql`true`);
  await t.db.update(caseEvents).set({ at: new Date(base.getTime() + 30 * 60_000) }).where(eq(caseEvents.kind, "acknowledged"));
  await t.db.update(caseEvents).set({ at: sql`case when ${caseEvents.caseId} = ${caseIds[0]} then ${new Date(base.getTime() + 3_600_000)}::timestamptz else ${new Date(base.getTime() + 3 * 3_600_000)}::timestamptz end` }).where(eq(caseEvents.kind, "status_changed"));
  // Approvals decided after 10 and 30 minutes, one still waiting.
  await t.db.insert(approvals).values([
    { runId: runIds[0]!, stepName: "a", title: "A", status: "approved", paramsHash: "test", createdAt: hoursAgo(2), decidedAt: new Date(hoursAgo(2).getTime() + 10 * 60_000) },
    { runId: runIds[1]!, stepName: "b", title: "B", status: "rejected", paramsHash: "test", createdAt: hoursAgo(2), decidedAt: new Date(hoursAgo(2).getTime() + 30 * 60_000) },
    { runId: runIds[2]!, stepName: "c", title: "C", paramsHash: "test" },
  ]);
  await t.db.update(playbookRuns).set({ status: "succeeded", startedAt: hoursAgo(1), finishedAt: new Date(hoursAgo(1).getTime() + 2_000) }).where(eq(playbookRuns.id, runIds[0]!));
  await t.db.insert(intakeCounters).values({ sourceSlug: slug, reason: "unauthenticated", count: 1 });
  await recordIngestFailure(t.db, { sourceSlug: slug, statusCode: 413, reason: "body exceeds 1 MiB", headers: {}, body: Buffer.from("x") });
});
afterAll(() => t.drop());

describe("metrics dashboard", () => {
  it("computes response times, automation and approvals from the timeline", async () => {
    const d = await callerFor(t.db, await seedUser(t.db, "analyst")).metrics.dashboard({ days: 30 });
    const weeks = d.responseTimes;
    expect(weeks.reduce((s, w) => s + w.opened, 0)).toBe(3);
    expect(weeks.find((w) => w.acknowledged > 0)).toMatchObject({ acknowledged: 1, resolved: 2, mttaSeconds: 1800, mttrSeconds: (3600 + 3 * 3600) / 2 });
    expect(d.automation).toMatchObject({ closed: 2, automated: 1, rate: 0.5 });
    expect(d.approvals).toEqual({ decided: 2, medianSeconds: 1200, pending: 1 });
    expect(d.topObservables[0]).toEqual({ type: "ip", value: "198.51.100.99", cases: 3 });
    expect(d.alertsPerDay.reduce((s, r) => s + r.n, 0)).toBe(3);
  });
});

describe("Prometheus endpoint", () => {
  it("exposes alerts received/rejected, runs, steps, approvals and queue depth", async () => {
    const { body, contentType } = await prometheusMetrics(t.db);
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain(`vigil_alerts_received_total{source="${slug}"} 4`);
    expect(body).toContain(`vigil_alert_duplicates_total{source="${slug}"} 1`);
    expect(body).toContain(`vigil_alerts_rejected_total{source="${slug}",reason="unauthenticated"} 1`);
    expect(body).toContain(`vigil_alerts_rejected_total{source="${slug}",reason="too_large"} 1`);
    expect(body).toContain("vigil_approvals_waiting 1");
    expect(body).toMatch(/vigil_queue_jobs\{task="playbook.run",state="ready"\} 3/);
    expect(body).toContain('vigil_playbook_runs{playbook="alert-summary",status="succeeded"} 1');
    expect(body).toContain('vigil_playbook_run_duration_seconds_bucket{playbook="alert-summary",le="5"} 1');
    expect(body).toContain('vigil_playbook_run_duration_seconds_count{playbook="alert-summary"} 1');
    expect(body).toMatch(/# TYPE vigil_process_cpu_user_seconds_total counter/);
    for (const line of body.split("\n").filter((l) => l && !l.startsWith("#"))) expect(line).toMatch(/^[a-z_:][a-z0-9_:]*(\{.*\})? -?[0-9.e+-]+$|^[a-z_:][a-z0-9_:]*(\{.*\})? (NaN|\+Inf)$/i);
  });
});
