// The engine's tRPC surface by role: the inbox lists pending approvals first with what the viewer
// may do; only managers decide; only admins enable/disable playbooks (audited); analysts cancel.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { auditLog, playbooks } from "@/server/db/schema";
import { definePlaybook } from "@/server/engine";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { clearJobs, drive, startTestRun, usePlaybooks } from "../helpers/engine";

const gate = definePlaybook<{ n: number }>({
  id: "test-api-gate",
  title: "Gate",
  async run(ctx) {
    await ctx.approval("gate", { title: `Gate ${ctx.input.n}`, params: { n: ctx.input.n }, expiresIn: `${ctx.input.n}h` as "1h" });
  },
});

const secretive = definePlaybook({
  id: "test-api-secretive",
  title: "Returns a credential",
  async run(ctx) {
    await ctx.step("issue token", () => ({ user: "alice", apiToken: "tok_live_123", nested: { password: "hunter2" } }));
  },
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("engineapi");
  await usePlaybooks(t.db, "test/integration/engine-api.trpc.test.ts", gate, secretive);
});
afterAll(() => t.drop());

type Role = "analyst" | "manager" | "admin";
async function as(role: Role) {
  const user = await seedUser(t.db, role);
  return { user, api: createCaller({ db: t.db, session: { id: "s", user, expiresAt: new Date(Date.now() + 60_000) }, sessionToken: "x", req: new Request("http://vigil.test"), resHeaders: new Headers(), actor: `user:${user.id}` }) };
}

async function gatedRun(n: number, requestedBy: string | null = null) {
  const runId = await startTestRun(t.db, gate.id, { input: { n }, requestedBy });
  await clearJobs(t.db);
  expect(await drive(t.db, runId)).toBe("waiting");
  return runId;
}

describe("engine API", () => {
  it("lists pending approvals first, soonest deadline first, with the viewer's rights", async () => {
    const analyst = await as("analyst");
    const manager = await as("manager");
    const late = await gatedRun(3);
    await gatedRun(1, manager.user.id);
    const inbox = await manager.api.approvals.list({ status: "pending" });
    expect(inbox.map((a) => [a.title, a.viewer])).toEqual([
      ["Gate 1", { canDecide: false, reason: "you requested this run; another approver must decide (separation of duties)" }],
      ["Gate 3", { canDecide: true, reason: null }],
    ]);
    expect((await analyst.api.approvals.list({ status: "pending" }))[0]!.viewer).toEqual({ canDecide: false, reason: "deciding needs the manager role" });
    const [pending] = inbox.filter((a) => a.runId === late);
    await expect(analyst.api.approvals.decide({ approvalId: pending!.id, decision: "approve", paramsHash: pending!.paramsHash })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(manager.api.approvals.decide({ approvalId: pending!.id, decision: "approve", paramsHash: pending!.paramsHash })).resolves.toMatchObject({ status: "approved" });
    const run = await analyst.api.runs.byId({ id: late });
    expect(run.approvals.map((a) => [a.status, a.decisions.map((d) => d.name)])).toEqual([["approved", [manager.user.name]]]);
  });

  it("lets analysts cancel runs and only admins toggle playbooks, audited", async () => {
    const analyst = await as("analyst");
    const manager = await as("manager");
    const admin = await as("admin");
    const runId = await gatedRun(2);
    await expect(analyst.api.runs.cancel({ runId, reason: "duplicate case" })).resolves.toEqual({ status: "cancelled" });
    expect((await analyst.api.runs.byId({ id: runId })).approvals[0]!.status).toBe("cancelled");
    await expect(manager.api.playbooks.setEnabled({ id: gate.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.api.playbooks.setEnabled({ id: gate.id, enabled: false })).resolves.toEqual({ id: gate.id, enabled: false });
    expect((await t.db.select().from(playbooks).where(eq(playbooks.id, gate.id)))[0]!.enabled).toBe(false);
    await expect(analyst.api.runs.start({ playbookId: gate.id, input: { n: 1 } })).rejects.toMatchObject({ code: "CONFLICT", message: `playbook "${gate.id}" is disabled` });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.subject, `playbook:${gate.id}`));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([["playbook.disable", `user:${admin.user.id}`]]);
    const detail = await analyst.api.playbooks.byId({ id: gate.id });
    expect(detail.source).toContain('id: "test-api-gate"');
    expect(detail.recentRuns.length).toBeGreaterThan(0);
  });

  it("shows step outputs with secrets redacted", async () => {
    const analyst = await as("analyst");
    const runId = await startTestRun(t.db, secretive.id);
    expect(await drive(t.db, runId)).toBe("succeeded");
    const run = await analyst.api.runs.byId({ id: runId });
    expect(run.steps[0]!.output).toEqual({ user: "alice", apiToken: "[redacted]", nested: { password: "[redacted]" } });
    expect(JSON.stringify(run)).not.toContain("hunter2");
  });
});
