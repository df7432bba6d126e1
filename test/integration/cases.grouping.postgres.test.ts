// Grouping rules, merge and split on real Postgres, through tRPC: the default rule groups one
// incident into one case; edited rules change that; a merge moves alerts, follows new alerts to
// the surviving case and is undone by splitting its alerts out; everything is on the timeline
// and in the audit trail.
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLog, caseEvents, caseObservables, cases, groupingRules, observables } from "@/server/db/schema";
import { handleWebhook } from "@/server/intake/ingest";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { callerAs } from "../helpers/trpc";
import { seedSource, seedUser } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("grouping");
});
afterAll(async () => {
  await intakeMeter(t.db).stop();
  await t.drop();
});

type Source = Awaited<ReturnType<typeof seedSource>>;

const callerFor = (user: Awaited<ReturnType<typeof seedUser>>) => callerAs(t.db, user);

async function send(source: Source, alert: Record<string, unknown>) {
  const res = await handleWebhook(t.db, new Request(`http://vigil.test/api/webhooks/${source.slug}`, { method: "POST", body: JSON.stringify(alert), headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` } }), source.slug);
  expect(res.status).toBe(202);
  const body = (await res.json()) as { alertIds: string[]; caseId: string };
  return { alertId: body.alertIds[0]!, caseId: body.caseId };
}

const caseRow = async (id: string) => (await t.db.select().from(cases).where(eq(cases.id, id)))[0]!;
const eventsOf = async (caseId: string, kind: string) => t.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)));
const observableValues = async (caseId: string) =>
  (await t.db.select({ value: observables.value }).from(caseObservables).innerJoin(observables, eq(observables.id, caseObservables.observableId)).where(eq(caseObservables.caseId, caseId))).map((o) => o.value).sort();

describe("default grouping rule", () => {
  it("groups the same source rule and principal observable within 1 h, and nothing else", async () => {
    const source = await seedSource(t.db);
    const a = await send(source, { id: "g1", title: "Impossible travel", category: "impossible_travel", user: "carol", src_ip: "198.51.100.1" });
    const b = await send(source, { id: "g2", title: "Impossible travel", category: "impossible_travel", user: "carol", src_ip: "198.51.100.2" });
    expect(b.caseId).toBe(a.caseId);
    const otherUser = await send(source, { id: "g3", title: "Impossible travel", category: "impossible_travel", user: "dave" });
    const otherRule = await send(source, { id: "g4", title: "MFA fatigue", category: "mfa_fatigue", user: "carol" });
    const noObservable = await send(source, { id: "g5", title: "Impossible travel", category: "impossible_travel" });
    expect(new Set([a.caseId, otherUser.caseId, otherRule.caseId, noObservable.caseId]).size).toBe(4);
    expect(await caseRow(a.caseId)).toMatchObject({ alertCount: 2 });

    await t.db.update(cases).set({ lastAlertAt: sql`now() - interval '61 minutes'` }).where(eq(cases.id, a.caseId));
    const late = await send(source, { id: "g6", title: "Impossible travel", category: "impossible_travel", user: "carol" });
    expect(late.caseId).not.toBe(a.caseId);
  });

  it("does not group into a resolved case", async () => {
    const source = await seedSource(t.db);
    const a = await send(source, { id: "r1", title: "Beaconing", host: "ws-1" });
    await t.db.update(cases).set({ status: "resolved" }).where(eq(cases.id, a.caseId));
    expect((await send(source, { id: "r2", title: "Beaconing", host: "ws-1" })).caseId).not.toBe(a.caseId);
  });
});

describe("editable grouping rules", () => {
  it("lets an admin change the rule (audited) and refuses analysts", async () => {
    const admin = callerFor(await seedUser(t.db, "admin"));
    const analyst = callerFor(await seedUser(t.db, "analyst"));
    const [rule] = await analyst.groupingRules.list();
    expect(rule).toMatchObject({ name: "Same source rule and principal observable within 1 h", enabled: true, config: { windowMinutes: 60, sameRule: true } });
    await expect(analyst.groupingRules.update({ id: rule!.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.groupingRules.update({ id: rule!.id, config: { windowMinutes: 0 } as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const crossRule = await admin.groupingRules.create({ name: "Any rule, same user, one day", priority: 10, config: { sameRule: false, observableTypes: ["user"], windowMinutes: 1440 } });
    const source = await seedSource(t.db);
    const a = await send(source, { id: "e1", title: "Password spray", user: "erin" });
    const b = await send(source, { id: "e2", title: "New MFA device", user: "erin" });
    expect(b.caseId).toBe(a.caseId);
    const hostOnly = await send(source, { id: "e3", title: "EDR detection", host: "ws-9" });
    const hostAgain = await send(source, { id: "e4", title: "EDR detection", host: "ws-9" });
    expect(hostAgain.caseId).toBe(hostOnly.caseId); // the default rule still applies to alerts without a user

    await admin.groupingRules.delete({ id: crossRule.id });
    await admin.groupingRules.update({ id: rule!.id, enabled: false });
    const c = await send(source, { id: "e5", title: "EDR detection", host: "ws-9" });
    expect(c.caseId).not.toBe(hostOnly.caseId); // no rule applies: a case of its own
    await admin.groupingRules.update({ id: rule!.id, enabled: true });
    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["grouping_rule.create", "grouping_rule.update", "grouping_rule.delete"]));
    expect(await t.db.$count(groupingRules)).toBe(1);
  });
});

describe("merge and split", () => {
  it("merges cases, follows the merge for new alerts, and splitting the alerts out restores the merged case", async () => {
    const api = callerFor(await seedUser(t.db, "analyst"));
    const source = await seedSource(t.db);
    const target = await send(source, { id: "m1", title: "Phishing click", user: "frank", url: "http://evil.example/a" });
    const other1 = await send(source, { id: "m2", title: "Credential theft", severity: "critical", user: "grace", src_ip: "192.0.2.50" });
    const other2 = await send(source, { id: "m3", title: "Credential theft", user: "grace" });
    expect(other2.caseId).toBe(other1.caseId);
    const targetNumber = (await caseRow(target.caseId)).number;

    const merged = await api.cases.merge({ targetCaseId: target.caseId, caseIds: [other1.caseId] });
    expect(merged.merged).toEqual([{ caseId: other1.caseId, number: expect.any(Number), alertIds: expect.arrayContaining([other1.alertId, other2.alertId]) }]);
    expect(await caseRow(target.caseId)).toMatchObject({ alertCount: 3, severity: "critical" });
    expect(await caseRow(other1.caseId)).toMatchObject({ mergedIntoId: target.caseId, alertCount: 0 });
    expect(await observableValues(target.caseId)).toEqual(expect.arrayContaining(["frank", "grace", "192.0.2.50"]));
    expect(await eventsOf(target.caseId, "merged")).toHaveLength(1);
    expect((await eventsOf(other1.caseId, "merged"))[0]!.data).toMatchObject({ into: target.caseId, intoNumber: targetNumber });

    const follow = await send(source, { id: "m4", title: "Credential theft", user: "grace" });
    expect(follow.caseId).toBe(target.caseId);

    await expect(api.cases.merge({ targetCaseId: target.caseId, caseIds: [other1.caseId] })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.cases.merge({ targetCaseId: target.caseId, caseIds: [target.caseId] })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const split = await api.cases.split({ caseId: target.caseId, alertIds: [other1.alertId, other2.alertId] });
    expect(split.moves).toHaveLength(1);
    expect(split.moves[0]!.caseId).toBe(other1.caseId);
    expect([...split.moves[0]!.alertIds].sort()).toEqual([other1.alertId, other2.alertId].sort());
    expect(await caseRow(other1.caseId)).toMatchObject({ mergedIntoId: null, alertCount: 2 });
    expect(await caseRow(target.caseId)).toMatchObject({ alertCount: 2 });
    const back = await t.db.select({ id: alerts.id, caseId: alerts.caseId, previous: alerts.previousCaseIds }).from(alerts).where(inArray(alerts.id, [other1.alertId, other2.alertId]));
    expect(back.every((a) => a.caseId === other1.caseId && a.previous.length === 0)).toBe(true);
    expect(await observableValues(target.caseId)).not.toContain("192.0.2.50");
    expect(await observableValues(target.caseId)).toContain("grace"); // still carried by alert m4
    expect((await eventsOf(other1.caseId, "split"))[0]!.data).toMatchObject({ restored: true, from: target.caseId });
    expect(await eventsOf(target.caseId, "split")).toHaveLength(1);
    const audit = await t.db.select({ action: auditLog.action, subject: auditLog.subject }).from(auditLog).where(inArray(auditLog.action, ["case.merge", "case.split"]));
    expect(audit).toEqual([{ action: "case.merge", subject: `case:${target.caseId}` }, { action: "case.split", subject: `case:${target.caseId}` }]);
  });

  it("splits an alert into a new case, refuses to empty a case, and a merge puts it back", async () => {
    const api = callerFor(await seedUser(t.db, "analyst"));
    const source = await seedSource(t.db);
    const a = await send(source, { id: "s1", title: "Lateral movement", host: "srv-1", user: "heidi" });
    const b = await send(source, { id: "s2", title: "Lateral movement", host: "srv-2", user: "heidi" });
    expect(b.caseId).toBe(a.caseId);
    const split = await api.cases.split({ caseId: a.caseId, alertIds: [b.alertId] });
    const newCaseId = split.moves[0]!.caseId;
    expect(newCaseId).not.toBe(a.caseId);
    expect(await caseRow(newCaseId)).toMatchObject({ title: "Lateral movement", alertCount: 1, groupKey: null });
    expect((await eventsOf(newCaseId, "case_opened"))[0]!.data).toMatchObject({ splitFrom: a.caseId, alertIds: [b.alertId] });
    expect(await observableValues(a.caseId)).not.toContain("srv-2");

    await expect(api.cases.split({ caseId: a.caseId, alertIds: [a.alertId] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/must keep at least one alert/) });
    await expect(api.cases.split({ caseId: a.caseId, alertIds: [b.alertId] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/is not in case #/) });

    await api.cases.merge({ targetCaseId: a.caseId, caseIds: [newCaseId] });
    const [moved] = await t.db.select().from(alerts).where(eq(alerts.id, b.alertId));
    expect(moved!.caseId).toBe(a.caseId);
    expect(await caseRow(a.caseId)).toMatchObject({ alertCount: 2 });
  });
});
