// Demo data through the real webhook: seedDemo creates the demo sources once (audited), POSTs the
// story's vendor payloads over HTTP with each source's real auth (bearer, HMAC, Okta), and every
// scenario ends up as a case; a playbook whose trigger matches gets a run that waits for approval.
// A second run adds new alerts with the same sources and credentials.
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, alertSources, approvals, auditLog, cases, connections, playbookRuns } from "@/server/db/schema";
import { seedDemo } from "@/server/demo/seed-demo";
import { DEMO_SOURCES } from "@/server/demo/demo-sources";
import { DEMO_CAST, DEMO_SCENARIOS } from "@/server/demo/demo-story";
import { definePlaybook } from "@/server/engine";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { drive, usePlaybooks } from "../helpers/engine";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";

// Stands in for the shipped brute-force playbook: asks before disabling the account.
const gatedBruteForce = definePlaybook({
  id: "test-demo-brute-force",
  title: "Disable a brute-forced account after approval",
  trigger: { category: "brute_force", observables: ["user"] },
  async run(ctx) {
    const user = ctx.alert!.observables.user[0]!;
    const ok = await ctx.approval("disable account", { title: `Disable ${user}`, params: { user }, expiresIn: "1h" });
    return { approved: ok.approved };
  },
});

let t: TestDatabase;
let server: WebhookServer;
beforeAll(async () => {
  t = await createTestDatabase("demo");
  await usePlaybooks(t.db, "test/integration/demo.webhook.test.ts", gatedBruteForce);
  server = await startWebhookServer(t.db);
});
afterAll(async () => {
  await server.close();
  await intakeMeter(t.db).stop();
  await t.drop();
});

const demoSourceRows = () => t.db.select().from(alertSources).where(like(alertSources.slug, "demo-%"));

describe("seedDemo", () => {
  it("creates the demo sources, sends every scenario through the webhook and opens their cases", async () => {
    const result = await seedDemo(t.db, { baseUrl: server.url, actor: "cli" });

    expect(result.sources.map((s) => s.slug).sort()).toEqual(DEMO_SOURCES.map((s) => s.slug).sort());
    expect(result.sources.every((s) => s.created)).toBe(true);
    expect(new Set(result.alerts.map((a) => a.scenario))).toEqual(new Set(DEMO_SCENARIOS));
    expect(result.alerts.every((a) => a.alertIds.length > 0 && !a.duplicate)).toBe(true);
    expect(result.casesUrl).toBe(`${server.url}/cases`);

    const rows = await t.db.select({ id: alerts.id, caseId: alerts.caseId, category: sql<string>`${alerts.normalized}->>'category'`, slug: alertSources.slug }).from(alerts).innerJoin(alertSources, eq(alerts.sourceId, alertSources.id));
    expect(rows).toHaveLength(result.alerts.reduce((n, a) => n + a.alertIds.length, 0));
    expect(rows.every((r) => r.caseId !== null)).toBe(true);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(["brute_force", "impossible_travel", "suspicious_login", "malware", "phishing", "c2"]));
    // Every alert of a scenario is in a case, and the cases exist.
    const caseRows = await t.db.select({ id: cases.id, title: cases.title }).from(cases);
    expect(caseRows.map((c) => c.id).sort()).toEqual([...result.caseIds].sort());
    expect(caseRows.length).toBeGreaterThanOrEqual(DEMO_SCENARIOS.length);

    // Sources are created through the domain function: audited, as the given actor.
    const created = await t.db.select().from(auditLog).where(eq(auditLog.action, "source.create"));
    expect(created).toHaveLength(DEMO_SOURCES.length);
    expect(created.every((a) => a.actor === "cli")).toBe(true);
  });

  it("starts the runs of matching playbooks; the brute force run waits for an approval", async () => {
    const bruteForceAlerts = await t.db.select({ id: alerts.id }).from(alerts).where(sql`${alerts.normalized}->>'category' = 'brute_force'`);
    const runs = await t.db.select().from(playbookRuns).where(eq(playbookRuns.playbookId, gatedBruteForce.id));
    expect(runs.map((r) => r.alertId).sort()).toEqual(bruteForceAlerts.map((a) => a.id).sort());
    expect(await drive(t.db, runs[0]!.id)).toBe("waiting");
    const [approval] = await t.db.select().from(approvals).where(and(eq(approvals.runId, runs[0]!.id), eq(approvals.status, "pending")));
    expect(approval?.title).toMatch(/^Disable /);
  });

  it("tells one story: the same attacker IP in both brute force alerts", async () => {
    const ips = await t.db.execute<{ ip: string }>(sql`select distinct o.value as ip from alert_observables ao join observables o on o.id = ao.observable_id join alerts a on a.id = ao.alert_id where a.normalized->>'category' = 'brute_force' and o.type = 'ip' and o.value = ${DEMO_CAST.attackerIp}`);
    expect(ips.rows).toHaveLength(1);
    const perAlert = await t.db.execute<{ n: string }>(sql`select count(distinct ao.alert_id) as n from alert_observables ao join observables o on o.id = ao.observable_id where o.type = 'ip' and o.value = ${DEMO_CAST.attackerIp}`);
    expect(Number(perAlert.rows[0]!.n)).toBe(2);
  });

  it("is safe to run twice: new alerts, the same sources and secrets, nothing duplicated", async () => {
    const before = await demoSourceRows();
    const alertsBefore = (await t.db.select({ id: alerts.id }).from(alerts)).length;
    const result = await seedDemo(t.db, { baseUrl: server.url, actor: "cli" });

    expect(result.sources.every((s) => !s.created)).toBe(true);
    const after = await demoSourceRows();
    expect(after.map((s) => [s.slug, s.secretCiphertext]).sort()).toEqual(before.map((s) => [s.slug, s.secretCiphertext]).sort());
    expect(result.alerts.every((a) => !a.duplicate)).toBe(true);
    expect((await t.db.select({ id: alerts.id }).from(alerts)).length).toBe(alertsBefore * 2);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "source.create"))).toHaveLength(DEMO_SOURCES.length);
  });

  it("says which URL it could not reach, before creating anything", async () => {
    const fresh = await createTestDatabase("demounreach");
    try {
      await expect(seedDemo(fresh.db, { baseUrl: "http://127.0.0.1:9", actor: "cli" })).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:9\/api\/health .*is Vigil running there/);
      expect(await fresh.db.select().from(alertSources)).toHaveLength(0);
    } finally {
      await fresh.drop();
    }
  });

  it("refuses while playbooks could act through a real connection, and sends nothing", async () => {
    const before = (await t.db.select({ id: alerts.id }).from(alerts)).length;
    await t.db.insert(connections).values([
      { integration: "abuseipdb", name: "intel" }, // enrichment only reads: allowed
      { integration: "okta", name: "corp-okta" },
    ]);
    try {
      await expect(seedDemo(t.db, { baseUrl: server.url, actor: "cli" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/enabled connections: corp-okta \(okta\)\. Disable them/) });
      expect((await t.db.select({ id: alerts.id }).from(alerts)).length).toBe(before);
      await t.db.update(connections).set({ enabled: false }).where(eq(connections.name, "corp-okta"));
      await expect(seedDemo(t.db, { baseUrl: server.url, actor: "cli" })).resolves.toMatchObject({ casesUrl: `${server.url}/cases` });
    } finally {
      await t.db.delete(connections).where(sql`true`);
    }
  });
});
