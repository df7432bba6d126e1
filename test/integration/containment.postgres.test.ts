// The integrations framework on real Postgres and a real graphile-worker, against an in-memory
// identity system: a playbook step disables a user through ctx.integrations.identity, the ledger
// records it, a repeat is a no-op, guardrails refuse (on the case timeline, without retries),
// analysts roll back, and expiry rolls back on its own.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, caseEvents, containmentActions, runSteps } from "@/server/db/schema";
import { registerIntegration } from "@/server/integrations/registry";
import { rollbackContainment } from "@/server/integrations/rollback";
import { logger } from "@/server/logger";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { memory, memoryDirectory } from "../fixtures/integrations/memory-directory";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { newRunContext, seedCase, seedConnection, seedPlaybook } from "../helpers/integrations";
import { runContextFor } from "../helpers/run-context";

let t: TestDatabase;
let worker: VigilWorker;

beforeAll(async () => {
  registerIntegration(memoryDirectory);
  t = await createTestDatabase("containment");
  worker = await startWorker({ connectionString: t.url, concurrency: 2, pollInterval: 200 });
  await seedConnection(t.db, {
    integration: "memory-directory",
    name: "mem",
    config: { guardrails: { protectedUsers: ["breakglass"], protectedPatterns: ["svc-*"], protectedGroups: ["Domain Admins"], maxPerHourPerPlaybook: 3, maxPerHourPerConnection: 50 } },
    secret: { token: "s3cret-token" },
  });
});
afterAll(async () => {
  await worker.stop();
  await t.drop();
});
beforeEach(() => memory.reset([{ username: "alice", groups: ["vpn"] }, { username: "bob" }, { username: "breakglass" }, { username: "svc-backup" }, { username: "carol", groups: ["Domain Admins"] }]));

const rowsFor = (caseId: string) => t.db.select().from(containmentActions).where(eq(containmentActions.caseId, caseId));
const timeline = async (caseId: string) => (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => ({ kind: e.kind, text: (e.data as { text?: string }).text }));

describe("containment through ctx.integrations", () => {
  it("disables a user in a step, records it in the ledger, audit and timeline", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    const outcome = await ctx.step("disable alice", () => ctx.integrations.identity.disableUser({ user: "alice", reason: "brute force" }));
    expect(outcome).toMatchObject({ connection: "mem", action: "disableUser", target: "alice", status: "active", changed: true, replayed: false, expiresAt: null });
    expect(memory.users.get("alice")!.disabled).toBe(true);
    const [row] = await rowsFor(caseId);
    expect(row).toMatchObject({ status: "active", target: "alice", idempotencyKey: `${ctx.runId}:disable alice`, inverse: { action: "enableUser", params: { user: "alice" } }, createdBy: `playbook:${ctx.runId}` });
    expect(await timeline(caseId)).toContainEqual({ kind: "containment", text: 'disableUser alice via "mem"' });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.subject, `containment:${row!.id}`));
    expect(audit.map((a) => a.action)).toEqual(["containment.apply"]);
    expect(JSON.stringify([outcome, audit, row])).not.toContain("s3cret-token");
  });

  it("is a no-op returning the first result when the same key repeats", async () => {
    const caseId = await seedCase(t.db);
    const first = await newRunContext(t.db, { caseId });
    const original = await first.step("disable", () => first.integrations.identity.disableUser({ user: "bob" }));
    // Same run, same step name: a re-execution after a crash between the call and the journal write.
    await t.db.delete(runSteps).where(eq(runSteps.runId, first.runId));
    const again = await newRunContextFor(first.runId, first.playbookId, caseId);
    const repeated = await again.step("disable", () => again.integrations.identity.disableUser({ user: "bob" }));
    expect(repeated).toMatchObject({ actionId: original.actionId, replayed: true, status: "active" });
    expect(memory.calls.filter((c) => c === "disable:bob")).toHaveLength(1);
    expect(await rowsFor(caseId)).toHaveLength(1);
  });

  it("records a user that was already disabled as completed, with nothing to undo", async () => {
    memory.users.get("bob")!.disabled = true;
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const outcome = await ctx.step("disable", () => ctx.integrations.identity.disableUser({ user: "bob", expiresIn: "1h" }));
    expect(outcome).toMatchObject({ status: "completed", changed: false, expiresAt: null });
  });

  it("refuses protected accounts, patterns and group members at once, on the case timeline", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    await expect(ctx.step("disable breakglass", () => ctx.integrations.identity.disableUser({ user: "breakglass@example.test" }), { retries: 3, backoff: 1 })).rejects.toThrow(
      /step "disable breakglass" failed after 1 attempt\(s\): Guardrail refused disableUser on breakglass@example.test via "mem": "breakglass" is a protected account/,
    );
    await expect(ctx.step("disable svc", () => ctx.integrations.identity.disableUser({ user: "svc-backup" }))).rejects.toThrow(/matches the protected pattern "svc-\*"/);
    await expect(ctx.step("disable carol", () => ctx.integrations.identity.disableUser({ user: "carol" }))).rejects.toThrow(/member of the protected group "Domain Admins"/);
    expect(memory.calls).toEqual([]);
    expect(await rowsFor(caseId)).toEqual([]);
    const refused = (await timeline(caseId)).filter((e) => e.kind === "guardrail_refused");
    expect(refused.map((e) => e.text)).toEqual([
      'Guardrail refused disableUser on breakglass@example.test via "mem": "breakglass" is a protected account',
      'Guardrail refused disableUser on svc-backup via "mem": "svc-backup" matches the protected pattern "svc-*"',
      'Guardrail refused disableUser on carol via "mem": the account is a member of the protected group "Domain Admins"',
    ]);
    const [step] = await t.db.select().from(runSteps).where(and(eq(runSteps.runId, ctx.runId), eq(runSteps.name, "disable breakglass")));
    expect(step).toMatchObject({ status: "failed", attempt: 1 });
  });

  it("stops a runaway playbook at its hourly limit and records why", async () => {
    memory.reset(Array.from({ length: 5 }, (_, i) => ({ username: `user${i}` })));
    const playbookId = await seedPlaybook(t.db, "runaway");
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId, playbookId });
    for (let i = 0; i < 3; i++) await ctx.step(`disable ${i}`, () => ctx.integrations.identity.disableUser({ user: `user${i}` }));
    await expect(ctx.step("disable 3", () => ctx.integrations.identity.disableUser({ user: "user3" }))).rejects.toThrow(/limit 3 per playbook/);
    expect(memory.users.get("user3")!.disabled).toBe(false);
    expect((await timeline(caseId)).filter((e) => e.kind === "guardrail_refused")).toHaveLength(1);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, "containment.refused"))).some((a) => (a.data as { rule: string }).rule === "rate_limit")).toBe(true);
  });

  it("refuses calls made outside ctx.step", async () => {
    const ctx = await newRunContext(t.db);
    await expect(ctx.integrations.identity.disableUser({ user: "alice" })).rejects.toThrow(/inside ctx.step/);
  });
});

describe("rollback and expiry", () => {
  it("rolls back on an analyst's click: the inverse runs, audited and on the timeline", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    const outcome = await ctx.step("ungroup", () => ctx.integrations.identity.removeFromGroup({ user: "alice", group: "vpn" }));
    expect(memory.users.get("alice")!.groups.has("vpn")).toBe(false);
    const result = await rollbackContainment(t.db, { actionId: outcome.actionId, actor: "user:analyst-1", reason: "manual", log: logger() });
    expect(result).toEqual({ actionId: outcome.actionId, status: "rolled_back", performed: true });
    expect(memory.users.get("alice")!.groups.has("vpn")).toBe(true);
    const [row] = await rowsFor(caseId);
    expect(row).toMatchObject({ status: "rolled_back", rolledBackBy: "user:analyst-1" });
    expect(await timeline(caseId)).toContainEqual({ kind: "containment_rolled_back", text: 'Rolled back: removeFromGroup alice via "mem" (addToGroup)' });
    await expect(rollbackContainment(t.db, { actionId: outcome.actionId, actor: "user:analyst-1", reason: "manual", log: logger() })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses to roll back what has no inverse", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const outcome = await ctx.step("revoke", () => ctx.integrations.identity.revokeSessions({ user: "alice" }));
    expect(outcome.status).toBe("completed");
    await expect(ctx.step("revoke expiring", () => ctx.integrations.identity.revokeSessions({ user: "bob", expiresIn: "1h" }))).rejects.toThrow(/cannot expire: it cannot be undone/);
    await expect(rollbackContainment(t.db, { actionId: outcome.actionId, actor: "user:x", reason: "manual", log: logger() })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("expires on time: the worker's job rolls the action back", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    const outcome = await ctx.step("disable briefly", () => ctx.integrations.identity.disableUser({ user: "alice", expiresIn: "1s" }));
    expect(outcome.expiresAt).not.toBeNull();
    await expect.poll(async () => (await rowsFor(caseId))[0]?.status, { timeout: 15_000, interval: 200 }).toBe("expired");
    expect(memory.users.get("alice")!.disabled).toBe(false);
    const [row] = await rowsFor(caseId);
    expect(row).toMatchObject({ rolledBackBy: "system:expiry" });
    expect((await timeline(caseId)).map((e) => e.text)).toContain('Expired: disableUser alice via "mem" (enableUser)');
  });
});

/** A second execution of an existing run (what the engine builds when a job is retried). */
function newRunContextFor(runId: string, _playbookId: string, _caseId: string) {
  return runContextFor(t.db, runId);
}
