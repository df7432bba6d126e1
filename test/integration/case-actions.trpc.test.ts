// Analysts' case actions through tRPC on real Postgres: each change lands with its timeline entry
// and its audit row (same transaction), mistakes are refused with a message naming the problem,
// and admin-only procedures answer FORBIDDEN to analysts.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseEvents, cases, comments } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ingestAlert, seedSource, seedUser } from "../helpers/fixtures";
import { callerFor } from "../helpers/trpc";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("caseactions");
});
afterAll(() => t.drop());

let n = 0;
async function newCase() {
  const source = await seedSource(t.db);
  const stored = await ingestAlert(t.db, source, { id: `e-${++n}`, title: `Brute force ${n}`, severity: "high", category: "brute_force", user: `user${n}`, src_ip: "198.51.100.23" });
  return stored.caseId!;
}
const auditFor = (caseId: string) => t.db.select().from(auditLog).where(eq(auditLog.subject, `case:${caseId}`));
const eventsFor = (caseId: string, kind: string) => t.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)));

describe("case actions", () => {
  it("acknowledge: status to triage, timeline and audit, refused the second time", async () => {
    const analyst = await seedUser(t.db, "analyst");
    const api = callerFor(t.db, analyst);
    const caseId = await newCase();
    await api.cases.acknowledge({ caseId });
    const [row] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: "triage" });
    expect(row!.acknowledgedAt).toBeInstanceOf(Date);
    expect(await eventsFor(caseId, "acknowledged")).toMatchObject([{ actor: `user:${analyst.id}`, data: { from: "new", to: "triage" } }]);
    expect((await auditFor(caseId)).map((a) => [a.action, a.actor])).toEqual([["case.acknowledged", `user:${analyst.id}`]]);
    await expect(api.cases.acknowledge({ caseId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already acknowledged/) });
  });

  it("assign: to an active user, audited; a disabled user is refused", async () => {
    const analyst = await seedUser(t.db, "analyst");
    const other = await seedUser(t.db, "analyst");
    const gone = await seedUser(t.db, "analyst");
    await callerFor(t.db, await seedUser(t.db, "admin")).users.setDisabled({ userId: gone.id, disabled: true });
    const api = callerFor(t.db, analyst);
    const caseId = await newCase();
    await api.cases.assign({ caseId, assigneeId: other.id });
    expect((await t.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.assigneeId).toBe(other.id);
    expect(await eventsFor(caseId, "assigned")).toMatchObject([{ data: { to: other.id, toName: "analyst user" } }]);
    await expect(api.cases.assign({ caseId, assigneeId: gone.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "assigneeId: no active user with this id" });
    expect((await auditFor(caseId)).map((a) => a.action)).toEqual(["case.assigned"]);
  });

  it("assign: queues an email notice to the assignee in the same transaction, none when assigning yourself", async () => {
    const analyst = await seedUser(t.db, "analyst");
    const other = await seedUser(t.db, "analyst");
    const api = callerFor(t.db, analyst);
    const notices = async (caseId: string) =>
      (await t.db.execute<{ payload: { caseId: string; assigneeId: string } }>(sql`select payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify.case_assigned'`)).rows.filter((r) => r.payload.caseId === caseId);
    const caseId = await newCase();
    await api.cases.assign({ caseId, assigneeId: other.id });
    expect(await notices(caseId)).toMatchObject([{ payload: { caseId, assigneeId: other.id } }]);
    const mine = await newCase();
    await api.cases.assign({ caseId: mine, assigneeId: analyst.id });
    expect(await notices(mine)).toEqual([]);
  });

  it("status: resolving stamps resolved_at, reopening clears it; severity changes are recorded", async () => {
    const api = callerFor(t.db, await seedUser(t.db, "analyst"));
    const caseId = await newCase();
    await api.cases.setStatus({ caseId, status: "resolved", reason: "password reset, MFA enforced" });
    let [row] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.resolvedAt).toBeInstanceOf(Date);
    expect(row!.acknowledgedAt).toBeInstanceOf(Date);
    await api.cases.setStatus({ caseId, status: "triage" });
    [row] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: "triage", resolvedAt: null });
    await api.cases.setSeverity({ caseId, severity: "critical" });
    expect((await eventsFor(caseId, "status_changed")).map((e) => e.data)).toEqual([
      { from: "new", to: "resolved", reason: "password reset, MFA enforced" },
      { from: "resolved", to: "triage" },
    ]);
    expect((await auditFor(caseId)).map((a) => a.action)).toEqual(["case.status_changed", "case.status_changed", "case.severity_changed"]);
  });

  it("comment: stored, on the timeline, audited without its text; empty comments refused", async () => {
    const analyst = await seedUser(t.db, "analyst");
    const api = callerFor(t.db, analyst);
    const caseId = await newCase();
    await api.cases.comment({ caseId, body: "Source IP is a **known** scanner" });
    expect(await t.db.select({ body: comments.body, authorId: comments.authorId }).from(comments).where(eq(comments.caseId, caseId))).toEqual([{ body: "Source IP is a **known** scanner", authorId: analyst.id }]);
    const [audit] = await auditFor(caseId);
    expect(audit).toMatchObject({ action: "case.comment", data: { length: 32 } });
    expect(JSON.stringify(audit!.data)).not.toContain("scanner");
    await expect(api.cases.comment({ caseId, body: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("comment is empty") });
    const detail = await api.cases.byId({ id: caseId });
    // Playbooks the alert triggered (how many depends on the shipped set) start between the two.
    expect(detail.timeline.map((e) => e.kind).filter((k) => k !== "run_started")).toEqual(["case_opened", "comment"]);
    expect(detail.actorNames[analyst.id]).toBe("analyst user");
  });

  it("unknown cases are a 404 naming the case", async () => {
    const api = callerFor(t.db, await seedUser(t.db, "analyst"));
    await expect(api.cases.setSeverity({ caseId: "00000000-0000-4000-8000-000000000000", severity: "low" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "case 00000000-0000-4000-8000-000000000000 not found" });
    await expect(api.cases.byId({ id: "999999" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("bulk actions", () => {
  it("assign and close several cases, one audit row and timeline entry each", async () => {
    const analyst = await seedUser(t.db, "analyst");
    const api = callerFor(t.db, analyst);
    const ids = [await newCase(), await newCase(), await newCase()];
    expect(await api.cases.bulkAssign({ caseIds: ids, assigneeId: analyst.id })).toEqual({ updated: 3 });
    expect(await api.cases.bulkClose({ caseIds: ids, status: "false_positive", reason: "pentest" })).toEqual({ updated: 3 });
    for (const id of ids) {
      expect((await auditFor(id)).map((a) => a.action)).toEqual(["case.assigned", "case.status_changed"]);
      expect(await eventsFor(id, "status_changed")).toMatchObject([{ data: { to: "false_positive", reason: "pentest" } }]);
    }
  });

  it("is all or nothing: one unknown case leaves every case unchanged", async () => {
    const api = callerFor(t.db, await seedUser(t.db, "analyst"));
    const id = await newCase();
    await expect(api.cases.bulkClose({ caseIds: [id, "00000000-0000-4000-8000-000000000000"], status: "resolved" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await t.db.select().from(cases).where(eq(cases.id, id)))[0]!.status).toBe("new");
    expect(await auditFor(id)).toEqual([]);
  });
});

describe("roles", () => {
  it("analysts get FORBIDDEN from admin procedures; admins read users and a verified audit chain", async () => {
    const analyst = callerFor(t.db, await seedUser(t.db, "analyst"));
    for (const call of [() => analyst.users.list(), () => analyst.audit.list({}), () => analyst.audit.verify(), () => analyst.users.create({ email: "x@example.test", name: "x", role: "admin", password: "long enough password" })])
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = callerFor(t.db, await seedUser(t.db, "admin"));
    expect((await admin.users.list()).length).toBeGreaterThan(0);
    expect(await admin.audit.verify()).toMatchObject({ ok: true });
    const caseAudit = await admin.audit.list({ action: "case." });
    expect(caseAudit.items.length).toBeGreaterThan(0);
    expect(caseAudit.items.every((a) => a.action.startsWith("case."))).toBe(true);
    expect(await admin.audit.actions()).toEqual(expect.arrayContaining(["case.assigned", "case.comment", "user.create"]));
  });

  it("an admin cannot demote or disable themselves", async () => {
    const me = await seedUser(t.db, "admin");
    const admin = callerFor(t.db, me);
    await expect(admin.users.setRole({ userId: me.id, role: "analyst" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("your own account") });
    await expect(admin.users.setDisabled({ userId: me.id, disabled: true })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
