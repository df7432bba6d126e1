// The webhook path on real Postgres: alert + case + run + graphile job in one transaction;
// unauthenticated requests store nothing; malformed bodies are kept in the dead letter.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, cases, ingestFailures, intakeCounters, playbookRuns } from "@/server/db/schema";
import { handleWebhook } from "@/server/intake/ingest";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";

let t: TestDatabase;
let source: Awaited<ReturnType<typeof seedSource>>;

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request(`http://vigil.test/api/webhooks/${source.slug}`, { method: "POST", body, headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}`, ...headers } });

const jobCount = async () => Number((await t.db.execute<{ n: string }>(sql`select count(*) as n from graphile_worker.jobs where task_identifier = 'playbook.run'`)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestDatabase("intake");
  source = await seedSource(t.db);
});
afterAll(async () => {
  await intakeMeter(t.db).stop();
  await t.drop();
});

describe("POST /api/webhooks/{source}", () => {
  it("accepts an alert: alert, case, run and job commit together", async () => {
    const res = await handleWebhook(t.db, post(JSON.stringify({ id: "evt-1", title: "Brute force against alice", severity: "high", user: "alice", src_ip: "198.51.100.23" })), source.slug);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { alertIds: string[]; caseId: string; duplicate: boolean };
    expect(body.duplicate).toBe(false);
    const [alert] = await t.db.select().from(alerts);
    expect(alert).toMatchObject({ id: body.alertIds[0], caseId: body.caseId, title: "Brute force against alice", severity: "high" });
    const [run] = await t.db.select().from(playbookRuns);
    expect(run).toMatchObject({ playbookId: "alert-summary", caseId: body.caseId, alertId: alert!.id, status: "queued" });
    expect(await jobCount()).toBe(1);
  });

  it("counts a duplicate instead of storing it again", async () => {
    const res = await handleWebhook(t.db, post(JSON.stringify({ id: "evt-1", title: "Brute force against alice", severity: "high" })), source.slug);
    expect(res.status).toBe(202);
    expect(((await res.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect(await t.db.$count(alerts)).toBe(1);
    const [alert] = await t.db.select().from(alerts);
    expect(alert!.duplicateCount).toBe(1);
    expect(await jobCount()).toBe(1);
  });

  it("groups a second alert about the same user into the open case", async () => {
    const res = await handleWebhook(t.db, post(JSON.stringify({ id: "evt-2", title: "Brute force against alice", severity: "critical", user: "alice" })), source.slug);
    expect(res.status).toBe(202);
    expect(await t.db.$count(cases)).toBe(1);
    const [c] = await t.db.select().from(cases);
    expect(c).toMatchObject({ alertCount: 2, severity: "critical" });
  });

  it("rejects a wrong token with 401 and stores nothing but a counter", async () => {
    const before = await t.db.$count(alerts);
    const res = await handleWebhook(t.db, post(JSON.stringify({ title: "x" }), { authorization: "Bearer nope" }), source.slug);
    expect(res.status).toBe(401);
    expect(await t.db.$count(alerts)).toBe(before);
    expect(await t.db.$count(ingestFailures)).toBe(0);
    await intakeMeter(t.db).flush(); // counters are buffered per process and flushed each second
    const [counter] = await t.db.select().from(intakeCounters);
    expect(counter).toMatchObject({ sourceSlug: source.slug, reason: "unauthenticated", count: 1 });
  });

  it("answers 404 for an unknown source", async () => {
    const res = await handleWebhook(t.db, post("{}"), "no-such-source");
    expect(res.status).toBe(404);
  });

  it("keeps malformed bodies with the reason, answering 400/415", async () => {
    const bad = await handleWebhook(t.db, post("{not json"), source.slug);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid JSON/);
    const noTitle = await handleWebhook(t.db, post(JSON.stringify({ severity: "high" })), source.slug);
    expect(noTitle.status).toBe(400);
    expect(((await noTitle.json()) as { error: string }).error).toMatch(/title: missing/);
    const wrongType = await handleWebhook(t.db, post("title=x", { "content-type": "text/plain" }), source.slug);
    expect(wrongType.status).toBe(415);
    const kept = await t.db.select().from(ingestFailures);
    expect(kept.map((k) => k.statusCode).sort()).toEqual([400, 400, 415]);
    expect(kept.find((k) => k.reason.includes("not valid JSON"))!.body.toString()).toBe("{not json");
  });

  it("refuses bodies over the limit with 413", async () => {
    const res = await handleWebhook(t.db, post(JSON.stringify({ title: "x", pad: "a".repeat(1024 * 1024 + 10) })), source.slug);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe("body exceeds 1 MiB");
  });
});
