// The demo against the five shipped playbooks, as a new user meets it: no connections configured,
// the real registry (playbooks/index.ts), a real graphile-worker. Every scenario opens a case and
// starts its shipped playbook; the runs settle where issue 9 promises ("cases, runs and a pending
// approval within a minute"): containment is reported as impossible (nothing to block with), and
// the account decisions wait for a manager.
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, caseEvents, cases, playbookRuns } from "@/server/db/schema";
import { seedDemo, type SeedDemoResult } from "@/server/demo/seed-demo";
import { DEMO_CAST, DEMO_SCENARIOS, type DemoScenario } from "@/server/demo/demo-story";
import { intakeMeter } from "@/server/intake/rate-limit";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";

const NO_BLOCKER = "not blocked: no blocking connection configured (CrowdSec or a firewall)";

let t: TestDatabase;
let worker: VigilWorker;
let hook: WebhookServer;
let demo: SeedDemoResult;

beforeAll(async () => {
  t = await createTestDatabase("demoplaybooks");
  // The worker syncs the shipped playbooks into the catalogue, as `vigil start` does, before any alert arrives.
  worker = await startWorker({ connectionString: t.url, concurrency: 2, pollInterval: 200 });
  hook = await startWebhookServer(t.db);
  demo = await seedDemo(t.db, { baseUrl: hook.url, actor: "cli" });
});
afterAll(async () => {
  await worker?.stop();
  await hook?.close();
  if (t) await intakeMeter(t.db).stop();
  await t?.drop();
});

/** The runs of the scenario's shipped playbook (same id as the scenario), started for its alerts. */
async function runsOf(scenario: DemoScenario) {
  const alertIds = demo.alerts.filter((a) => a.scenario === scenario).flatMap((a) => a.alertIds);
  return t.db.select().from(playbookRuns).where(and(eq(playbookRuns.playbookId, scenario), inArray(playbookRuns.alertId, alertIds))).orderBy(asc(playbookRuns.createdAt));
}

/** Waits (≤ 60 s) until no run of the scenario is queued or running; returns the runs. */
async function settled(scenario: DemoScenario) {
  await expect
    .poll(async () => {
      const runs = await runsOf(scenario);
      return runs.length > 0 && runs.every((r) => r.status !== "queued" && r.status !== "running");
    }, { timeout: 60_000, interval: 250 })
    .toBe(true);
  return runsOf(scenario);
}

const pendingApprovals = (runIds: string[]) => t.db.select().from(approvals).where(and(inArray(approvals.runId, runIds), eq(approvals.status, "pending")));

async function commentsOf(caseIds: (string | null)[]) {
  const rows = await t.db.select({ kind: caseEvents.kind, data: caseEvents.data }).from(caseEvents).where(inArray(caseEvents.caseId, caseIds.filter((c): c is string => c !== null)));
  return rows.filter((e) => e.kind === "comment").map((e) => String((e.data as { text?: string }).text));
}

describe("vigil demo with the shipped playbooks and no connections", () => {
  it("opens a case for every scenario and starts each scenario's shipped playbook", async () => {
    for (const scenario of DEMO_SCENARIOS) {
      const sent = demo.alerts.filter((a) => a.scenario === scenario);
      expect(sent.flatMap((a) => a.caseIds).length, scenario).toBeGreaterThan(0);
      await expect.poll(async () => (await runsOf(scenario)).length, { timeout: 30_000, message: `a ${scenario} run` }).toBeGreaterThan(0);
    }
    const caseRows = await t.db.select({ id: cases.id }).from(cases);
    expect(caseRows.map((c) => c.id).sort()).toEqual([...demo.caseIds].sort());
  });

  it("brute-force: the attacker IP cannot be blocked without a connection; the sign-in that got through waits for a manager", async () => {
    const runs = await settled("brute-force");
    expect(runs.every((r) => r.status === "succeeded" || r.status === "waiting")).toBe(true);
    const pending = await pendingApprovals(runs.map((r) => r.id));
    expect(pending.map((a) => a.title)).toEqual([`Disable ${DEMO_CAST.vpnUser} and revoke its sessions`]);
    expect(pending[0]!.requiredRole).toBe("manager");
    // The SSH guessing never got in: that run is done and says why nothing was blocked.
    expect(runs.some((r) => r.status === "succeeded")).toBe(true);
    const comments = await commentsOf(runs.map((r) => r.caseId));
    const outcomes = comments.filter((c) => c.startsWith("Brute force outcome"));
    expect(outcomes.length).toBeGreaterThan(0);
    // No enrichment connection: no verdict, so nothing is blocked (only a malicious source would be).
    for (const outcome of outcomes) expect(outcome).toContain(`- ${DEMO_CAST.attackerIp}: verdict unknown; not blocked.`);
  });

  it("suspicious-sign-in: nobody can be asked without mail, so it escalates to critical and waits for a manager", async () => {
    const runs = await settled("suspicious-sign-in");
    expect(runs.map((r) => r.status)).toContain("waiting");
    const pending = await pendingApprovals(runs.map((r) => r.id));
    expect(pending.map((a) => a.title)).toContain(`Disable ${DEMO_CAST.travelUser}`);
    const comments = await commentsOf(runs.map((r) => r.caseId));
    expect(comments.some((c) => c.startsWith(`Could not revoke the sessions of ${DEMO_CAST.travelUser}`))).toBe(true);
    expect(comments.some((c) => c.startsWith(`Escalated to critical: ${DEMO_CAST.travelUser} could not be asked`))).toBe(true);
  });

  it("malware-on-host: the cases go critical and disabling the logged-in users waits for approval (two managers on the server)", async () => {
    const runs = await settled("malware-on-host");
    expect(runs.length).toBe(2);
    expect(runs.map((r) => r.status)).toEqual(["waiting", "waiting"]);
    const pending = await pendingApprovals(runs.map((r) => r.id));
    expect(pending.map((a) => a.quorum).sort()).toEqual([1, 2]);
    const severities = await t.db.select({ severity: cases.severity }).from(cases).where(inArray(cases.id, runs.map((r) => r.caseId!)));
    expect(severities.every((c) => c.severity === "critical")).toBe(true);
  });

  it("phishing-reported: completes, saying nothing could be checked or told without connections", async () => {
    const runs = await settled("phishing-reported");
    expect(runs.map((r) => r.status)).toEqual(["succeeded"]);
    const comments = await commentsOf(runs.map((r) => r.caseId));
    const summary = comments.find((c) => c.startsWith(`Phishing from ${DEMO_CAST.phishSender}`));
    expect(summary).toContain("nothing known to be malicious");
    // The reporter is known (the sender is not mistaken for them); only the mail connection is missing.
    expect(summary).toContain("Reporter: could not notify carol@acme.example:");
  });

  it("c2-beacon: completes, saying the C2 address could not be blocked without a connection", async () => {
    const runs = await settled("c2-beacon");
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    const comments = await commentsOf(runs.map((r) => r.caseId));
    expect(comments.find((c) => c.startsWith("C2 beacon") && c.includes(DEMO_CAST.c2Ip))).toContain(`${DEMO_CAST.c2Ip}: ${NO_BLOCKER}.`);
  });

  it("leaves the new user pending approvals to look at, and no failed run", async () => {
    const all = await t.db.select({ status: playbookRuns.status, playbookId: playbookRuns.playbookId }).from(playbookRuns);
    expect(all.filter((r) => r.status === "failed")).toEqual([]);
    expect((await t.db.select().from(approvals).where(eq(approvals.status, "pending"))).length).toBeGreaterThanOrEqual(3);
  });
});
