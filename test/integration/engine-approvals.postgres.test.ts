// ctx.approval on real Postgres: suspension without a held job, quorum of distinct users, separation
// of duties, decisions bound to the params, exactly-once resolution under concurrency, double
// clicks, signed one-time links, and params changed under a waiting run.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalDecisions, approvals, auditLog, caseEvents } from "@/server/db/schema";
import { definePlaybook } from "@/server/engine";
import { decideApproval } from "@/server/engine/approvals";
import { approvalLink, approvalLinkFor, decideApprovalByLink, eligibleApprovers } from "@/server/engine/approval-links";
import { TASKS } from "@/server/engine/jobs";
import { replacePlaybook } from "@/server/engine/registry";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { clearJobs, createCase, drive, pendingJobs, runRow, startTestRun, stepsOf, usePlaybooks } from "../helpers/engine";

const disabled: string[] = [];
const gated = definePlaybook<{ user: string; quorum?: number }>({
  id: "test-gated-disable",
  title: "Disable a user after approval",
  async run(ctx) {
    const ok = await ctx.approval("disable account", { title: `Disable ${ctx.input.user}`, quorum: ctx.input.quorum ?? 1, expiresIn: "30m", params: { user: ctx.input.user } });
    if (!ok.approved) return { disabled: false, by: ok.by };
    await ctx.step("disable", () => {
      disabled.push(ctx.input.user);
      return { user: ctx.input.user };
    });
    return { disabled: true, by: ok.by };
  },
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("approvals");
  await usePlaybooks(t.db, "test/integration/engine-approvals.postgres.test.ts", gated);
});
afterAll(() => t.drop());

async function waitingApproval(input: { user: string; quorum?: number }, requestedBy: string | null = null) {
  const caseId = await createCase(t.db);
  const runId = await startTestRun(t.db, gated.id, { caseId, requestedBy, input });
  await clearJobs(t.db); // this test drives the run itself; the start job is not needed
  expect(await drive(t.db, runId)).toBe("waiting");
  const [approval] = await t.db.select().from(approvals).where(eq(approvals.runId, runId));
  return { runId, caseId, approval: approval! };
}

describe("ctx.approval", () => {
  it("suspends the run without a job, then resumes with the decision", async () => {
    const { runId, caseId, approval } = await waitingApproval({ user: "alice" });
    expect(approval).toMatchObject({ status: "pending", title: "Disable alice", params: { user: "alice" }, quorum: 1, requiredRole: "manager" });
    expect((await runRow(t.db, runId)).status).toBe("waiting");
    expect(await pendingJobs(t.db, TASKS.playbookRun, runId)).toHaveLength(0); // no job waits for the decision
    const [expiry] = await pendingJobs(t.db, TASKS.approvalExpire);
    expect(Math.abs(new Date(expiry!.run_at).getTime() - approval.expiresAt!.getTime())).toBeLessThan(1000);
    expect((await stepsOf(t.db, runId)).map((s) => [s.name, s.kind, s.status])).toEqual([["disable account", "approval", "waiting"]]);

    const manager = await seedUser(t.db, "manager");
    const outcome = await t.db.transaction((tx) => decideApproval(tx, manager, { approvalId: approval.id, decision: "approve", reason: "confirmed with HR", paramsHash: approval.paramsHash }));
    expect(outcome).toMatchObject({ status: "approved", approvals: 1, quorum: 1 });
    expect(await pendingJobs(t.db, TASKS.playbookRun, runId)).toHaveLength(1); // committed with the decision
    expect(await pendingJobs(t.db, TASKS.approvalExpire)).toHaveLength(0);

    expect(await drive(t.db, runId)).toBe("succeeded");
    expect((await runRow(t.db, runId)).output).toEqual({ disabled: true, by: manager.name });
    expect(disabled).toContain("alice");
    const kinds = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["approval_requested", "approval_decided", "run_finished"]));
    const actions = (await t.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["approval.request", "approval.decide", "approval.approved"]));
  });

  it("needs a quorum of distinct users, and one reject rejects", async () => {
    const { runId, approval } = await waitingApproval({ user: "bob", quorum: 2 });
    const [m1, m2, m3] = await Promise.all([seedUser(t.db, "manager"), seedUser(t.db, "admin"), seedUser(t.db, "manager")]);
    const decide = (user: typeof m1, decision: "approve" | "reject", reason?: string) => t.db.transaction((tx) => decideApproval(tx, user, { approvalId: approval.id, decision, reason, paramsHash: approval.paramsHash }));
    expect(await decide(m1, "approve")).toMatchObject({ status: "pending", approvals: 1, quorum: 2 });
    expect(await decide(m1, "approve")).toMatchObject({ status: "pending", approvals: 1 }); // same user again counts once
    expect(await decide(m2, "approve")).toMatchObject({ status: "approved", approvals: 2 });
    await expect(decide(m3, "approve")).rejects.toMatchObject({ code: "CONFLICT", message: 'approval "Disable bob" is already approved' });
    expect(await drive(t.db, runId)).toBe("succeeded");

    const second = await waitingApproval({ user: "carol", quorum: 2 });
    await expect(decide(m1, "reject", "changed my mind")).rejects.toMatchObject({ code: "CONFLICT", message: 'you already chose "approve" for "Disable bob"' });
    const reject = await t.db.transaction((tx) => decideApproval(tx, m3, { approvalId: second.approval.id, decision: "reject", reason: "carol is on call", paramsHash: second.approval.paramsHash }));
    expect(reject.status).toBe("rejected");
    expect(await drive(t.db, second.runId)).toBe("succeeded");
    expect((await runRow(t.db, second.runId)).output).toEqual({ disabled: false, by: m3.name });
    expect(disabled).not.toContain("carol");
  });

  it("refuses the requester, analysts, other params and rejects without a reason", async () => {
    const requester = await seedUser(t.db, "manager");
    const { approval } = await waitingApproval({ user: "dave" }, requester.id);
    const analyst = await seedUser(t.db, "analyst");
    const manager = await seedUser(t.db, "manager");
    const decide = (user: { id: string; role: "analyst" | "manager" | "admin" }, extra: Partial<{ paramsHash: string; decision: "approve" | "reject"; reason: string }> = {}) =>
      t.db.transaction((tx) => decideApproval(tx, user, { approvalId: approval.id, decision: "approve", paramsHash: approval.paramsHash, ...extra }));
    await expect(decide(requester)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("separation of duties") });
    await expect(decide(analyst)).rejects.toMatchObject({ code: "FORBIDDEN", message: 'deciding "Disable dave" needs the manager role' });
    await expect(decide(manager, { paramsHash: "0".repeat(64) })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not the ones you were shown") });
    await expect(decide(manager, { decision: "reject" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^reason:/) });
    expect(await t.db.select().from(approvalDecisions).where(eq(approvalDecisions.approvalId, approval.id))).toHaveLength(0);
    expect((await eligibleApprovers(t.db, approval.id)).map((u) => u.id)).not.toContain(requester.id);
  });

  it("resolves exactly once when two managers complete a quorum of 2 at the same moment", async () => {
    const { runId, approval } = await waitingApproval({ user: "erin", quorum: 2 });
    await clearJobs(t.db);
    const [m1, m2] = await Promise.all([seedUser(t.db, "manager"), seedUser(t.db, "manager")]);
    const results = await Promise.all(
      [m1, m2].map((m) => t.db.transaction((tx) => decideApproval(tx, m, { approvalId: approval.id, decision: "approve", paramsHash: approval.paramsHash }))),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["approved", "pending"]);
    expect(await t.db.select().from(approvalDecisions).where(eq(approvalDecisions.approvalId, approval.id))).toHaveLength(2);
    expect(await pendingJobs(t.db, TASKS.playbookRun, runId)).toHaveLength(1);
    const resolved = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "approval.approved"), eq(auditLog.subject, `approval:${approval.id}`)));
    expect(resolved).toHaveLength(1);
  });

  it("records one decision for a double click", async () => {
    const { runId, approval } = await waitingApproval({ user: "frank" });
    await clearJobs(t.db);
    const manager = await seedUser(t.db, "manager");
    const click = () => t.db.transaction((tx) => decideApproval(tx, manager, { approvalId: approval.id, decision: "approve", paramsHash: approval.paramsHash }));
    const results = await Promise.all([click(), click()]);
    expect(results.map((r) => r.status)).toEqual(["approved", "approved"]);
    expect(await t.db.select().from(approvalDecisions).where(eq(approvalDecisions.approvalId, approval.id))).toHaveLength(1);
    expect(await pendingJobs(t.db, TASKS.playbookRun, runId)).toHaveLength(1);
  });

  it("decides through a signed link once, only for the approver it was sent to", async () => {
    const { approval } = await waitingApproval({ user: "grace" });
    const [manager, other] = await Promise.all([seedUser(t.db, "manager"), seedUser(t.db, "manager")]);
    const url = await approvalLinkFor(t.db, approval.id, manager.id);
    expect(url).toMatch(/^http:\/\/.+\/approve\/v1\.[\w-]+\.[\w-]+$/);
    const token = url.split("/approve/")[1]!;
    const byLink = (user: typeof manager, tok = token) => t.db.transaction((tx) => decideApprovalByLink(tx, user, { token: tok, decision: "approve", paramsHash: approval.paramsHash }));
    await expect(byLink(other)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("sent to another approver") });
    const tampered = token.replace(/\.([\w-])/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`);
    await expect(byLink(manager, tampered)).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|BAD_REQUEST/) });
    expect(await byLink(manager)).toMatchObject({ status: "approved" });
    await expect(byLink(manager)).rejects.toMatchObject({ code: "CONFLICT", message: "this link was already used; each link works once" });
    const [decision] = await t.db.select().from(approvalDecisions).where(eq(approvalDecisions.approvalId, approval.id));
    expect(decision).toMatchObject({ userId: manager.id, via: "link" });

    const expired = approvalLink({ approvalId: approval.id, approverId: manager.id, expiresAt: new Date(Date.now() - 1000) }).split("/approve/")[1]!;
    await expect(byLink(manager, expired)).rejects.toMatchObject({ code: "FORBIDDEN", message: "this link has expired; ask for a new one" });
  });

  it("fails clearly when the playbook changed the approved params under a waiting run", async () => {
    const { runId, approval } = await waitingApproval({ user: "heidi" });
    const manager = await seedUser(t.db, "manager");
    await t.db.transaction((tx) => decideApproval(tx, manager, { approvalId: approval.id, decision: "approve", paramsHash: approval.paramsHash }));
    const changed = definePlaybook<{ user: string }>({
      ...gated,
      async run(ctx) {
        await ctx.approval("disable account", { title: `Disable ${ctx.input.user}`, expiresIn: "30m", params: { user: "someone-else" } });
      },
    });
    replacePlaybook(changed, "test/helpers/engine.ts"); // another file: another version hash
    try {
      expect(await drive(t.db, runId)).toBe("failed");
    } finally {
      replacePlaybook(gated, "test/integration/engine-approvals.postgres.test.ts");
    }
    const run = await runRow(t.db, runId);
    expect(run.error).toMatch(/^playbook changed under a running run \(started on version [0-9a-f]{16}, now [0-9a-f]{16}\): approval "disable account" now asks for other params/);
  });
});
