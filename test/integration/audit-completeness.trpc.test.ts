// Audit completeness: every state change the security issue lists, made through the tRPC API with
// real sessions, leaves exactly one audit row naming who did it and to what, and the hash chain
// still verifies at the end. Sign-in, users and roles, sources, connections, playbook enablement,
// run start/cancel, approval decisions, containment and its rollback, case status/assign/merge.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { verifyAuditChain } from "@/server/audit/verify";
import { approvals, auditLog, containmentActions } from "@/server/db/schema";
import { definePlaybook } from "@/server/engine";
import { registerIntegration } from "@/server/integrations/registry";
import { memory, memoryDirectory } from "../fixtures/integrations/memory-directory";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { clearJobs, createCase, drive, usePlaybooks } from "../helpers/engine";
import { seedUser, TEST_PASSWORD } from "../helpers/fixtures";

const contain = definePlaybook<{ user: string }>({
  id: "test-audit-contain",
  title: "Disable a user after approval",
  async run(ctx) {
    const ok = await ctx.approval("disable account", { title: `Disable ${ctx.input.user}`, params: { user: ctx.input.user }, expiresIn: "1h" });
    if (!ok.approved) return;
    await ctx.step("disable", () => ctx.integrations.identity.disableUser({ user: ctx.input.user }));
  },
});

let t: TestDatabase;
beforeAll(async () => {
  registerIntegration(memoryDirectory);
  t = await createTestDatabase("auditall");
  await usePlaybooks(t.db, "test/integration/audit-completeness.trpc.test.ts", contain);
  memory.reset([{ username: "alice" }]);
});
afterAll(() => t.drop());

/** Signs in through auth.login (a real session cookie) and returns an API bound to that session. */
async function signIn(email: string) {
  const resHeaders = new Headers();
  const anonymous = createCaller(await createTRPCContext({ req: new Request("http://vigil.test/api/trpc", { method: "POST" }), resHeaders, db: t.db }));
  const { user } = await anonymous.auth.login({ email, password: TEST_PASSWORD });
  const cookie = resHeaders.get("set-cookie")!.split(";")[0]!;
  const api = createCaller(await createTRPCContext({ req: new Request("http://vigil.test/api/trpc", { method: "POST", headers: { cookie } }), resHeaders: new Headers(), db: t.db }));
  return { api, actor: `user:${user.id}`, id: user.id };
}

/** The audit rows of one action on one subject (the test asserts there is exactly one). */
const rows = (action: string, subject: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subject, subject))).orderBy(asc(auditLog.id));

async function expectOne(action: string, subject: string, actor: string) {
  const found = await rows(action, subject);
  expect(found, `${action} on ${subject}`).toHaveLength(1);
  expect(found[0]!.actor, `${action} actor`).toBe(actor);
  expect(found[0]!.at.getTime(), `${action} time`).toBeGreaterThan(Date.now() - 120_000);
  expect(found[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  return found[0]!;
}

describe("every state change is audited once, with actor and subject", () => {
  it("sign-in, users, sources, connections, playbooks, runs, approvals, containment, cases; the chain verifies", async () => {
    const [adminUser, managerUser, analystUser] = await Promise.all([seedUser(t.db, "admin"), seedUser(t.db, "manager"), seedUser(t.db, "analyst")]);
    const admin = await signIn(adminUser.email);
    await expectOne("auth.login", `user:${admin.id}`, admin.actor);
    const manager = await signIn(managerUser.email);
    const analyst = await signIn(analystUser.email);

    // Users and roles.
    const created = await admin.api.users.create({ email: "audited@example.test", name: "Audited", role: "analyst", password: "a long enough password" });
    await expectOne("user.create", `user:${created.id}`, admin.actor);
    await admin.api.users.setRole({ userId: created.id, role: "manager" });
    await expectOne("user.set_role", `user:${created.id}`, admin.actor);
    await admin.api.users.setDisabled({ userId: created.id, disabled: true });
    await expectOne("user.disable", `user:${created.id}`, admin.actor);

    // Alert sources.
    const source = await admin.api.sources.create({ slug: "audited-siem" });
    await expectOne("source.create", `source:${source.id}`, admin.actor);
    await admin.api.sources.rotate({ id: source.id });
    await expectOne("source.rotate_secret", `source:${source.id}`, admin.actor);

    // Connections.
    const connection = await admin.api.connections.create({ integration: "memory-directory", name: "directory", config: {}, secret: { token: "dir-token-1" } });
    await expectOne("connection.create", `connection:${connection.id}`, admin.actor);
    await admin.api.connections.update({ id: connection.id, secret: { token: "dir-token-2" } });
    await expectOne("connection.update", `connection:${connection.id}`, admin.actor);

    // Playbook enablement.
    await admin.api.playbooks.setEnabled({ id: contain.id, enabled: false });
    await expectOne("playbook.disable", `playbook:${contain.id}`, admin.actor);
    await admin.api.playbooks.setEnabled({ id: contain.id, enabled: true });
    await expectOne("playbook.enable", `playbook:${contain.id}`, admin.actor);

    // Run start and cancel.
    const cancelled = await analyst.api.runs.start({ playbookId: contain.id, input: { user: "alice" } });
    await expectOne("run.start", `run:${cancelled.runId}`, analyst.actor);
    await analyst.api.runs.cancel({ runId: cancelled.runId, reason: "wrong user" });
    await expectOne("run.cancel", `run:${cancelled.runId}`, analyst.actor);

    // Approval decision, then the containment it allows, then its rollback.
    const caseId = await createCase(t.db, "Compromised account");
    const { runId } = await analyst.api.runs.start({ playbookId: contain.id, caseId, input: { user: "alice" } });
    await clearJobs(t.db);
    expect(await drive(t.db, runId)).toBe("waiting");
    const [approval] = await t.db.select().from(approvals).where(eq(approvals.runId, runId));
    await manager.api.approvals.decide({ approvalId: approval!.id, decision: "approve", reason: "called the user", paramsHash: approval!.paramsHash });
    await expectOne("approval.decide", `approval:${approval!.id}`, manager.actor);
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect(memory.users.get("alice")!.disabled).toBe(true);
    const [action] = await t.db.select().from(containmentActions).where(eq(containmentActions.runId, runId));
    const applied = await expectOne("containment.apply", `containment:${action!.id}`, `playbook:${runId}`);
    expect(applied.data).toMatchObject({ action: "disableUser", target: "alice" });
    await analyst.api.containment.rollback({ id: action!.id });
    await expectOne("containment.rollback", `containment:${action!.id}`, analyst.actor);
    expect(memory.users.get("alice")!.disabled).toBe(false);

    // Cases: status, assignment, merge.
    const other = await createCase(t.db, "Same attacker");
    await analyst.api.cases.setStatus({ caseId, status: "triage" });
    await expectOne("case.status_changed", `case:${caseId}`, analyst.actor);
    await analyst.api.cases.assign({ caseId, assigneeId: analyst.id });
    await expectOne("case.assigned", `case:${caseId}`, analyst.actor);
    await analyst.api.cases.merge({ targetCaseId: caseId, caseIds: [other] });
    const merged = await t.db.select().from(auditLog).where(eq(auditLog.action, "case.merge"));
    expect(merged).toHaveLength(1);
    expect(merged[0]!.actor).toBe(analyst.actor);
    expect(merged[0]!.subject).toBe(`case:${caseId}`);

    // Every row above sits in one intact chain.
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    expect(await admin.api.audit.verify()).toMatchObject({ ok: true });
  });
});
