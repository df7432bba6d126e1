// Dedup over real HTTP and real Postgres: 100 parallel POSTs of one alert yield exactly one alert,
// a duplicate counter of 99 and a timeline entry per duplicate; without a vendor id the content
// fingerprint within the window is the key.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, caseEvents, cases, playbookRuns } from "@/server/db/schema";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";

let t: TestDatabase;
let server: WebhookServer;

beforeAll(async () => {
  t = await createTestDatabase("dedup");
  server = await startWebhookServer(t.db);
});
afterAll(async () => {
  await server.close();
  await intakeMeter(t.db).stop();
  await t.drop();
});

async function postParallel(source: Awaited<ReturnType<typeof seedSource>>, body: object, n: number) {
  const send = () =>
    fetch(`${server.url}/api/webhooks/${source.slug}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` },
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { alertIds: string[]; duplicate: boolean } }));
  return Promise.all(Array.from({ length: n }, send));
}

describe("concurrent duplicates", () => {
  it("100 parallel POSTs with one vendor id make exactly one alert, one case and one run", async () => {
    const source = await seedSource(t.db);
    const results = await postParallel(source, { id: "dup-evt-1", title: "Malware on ws-17", severity: "critical", host: "ws-17" }, 100);
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(202));
    expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.alertIds[0])).size).toBe(1);
    const rows = await t.db.select().from(alerts).where(eq(alerts.sourceId, source.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.duplicateCount).toBe(99);
    expect(await t.db.$count(cases, eq(cases.id, rows[0]!.caseId!))).toBe(1);
    expect(await t.db.$count(caseEvents, and(eq(caseEvents.caseId, rows[0]!.caseId!), eq(caseEvents.kind, "alert_duplicate")))).toBe(99);
    expect(await t.db.$count(playbookRuns, eq(playbookRuns.alertId, rows[0]!.id))).toBe(1);
  });

  it("100 parallel POSTs of an alert without an id are deduplicated by fingerprint", async () => {
    const source = await seedSource(t.db);
    const results = await postParallel(source, { title: "Port scan from 203.0.113.9", severity: "low", src_ip: "203.0.113.9", timestamp: "2026-05-01T10:00:00Z" }, 100);
    expect(results.every((r) => r.status === 202)).toBe(true);
    const rows = await t.db.select().from(alerts).where(eq(alerts.sourceId, source.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.externalId).toBeNull();
    expect(rows[0]!.duplicateCount).toBe(99);
  });

  it("the same content at another time is a new alert, grouped into the same case", async () => {
    const source = await seedSource(t.db);
    const base = { title: "Port scan", severity: "low", src_ip: "203.0.113.10" };
    const [a] = await postParallel(source, { ...base, timestamp: "2026-05-01T10:00:00Z" }, 1);
    const [b] = await postParallel(source, { ...base, timestamp: "2026-05-01T10:05:00Z" }, 1);
    expect(a!.body.alertIds[0]).not.toBe(b!.body.alertIds[0]);
    const rows = await t.db.select().from(alerts).where(eq(alerts.sourceId, source.id));
    expect(new Set(rows.map((r) => r.caseId)).size).toBe(1);
  });
});
