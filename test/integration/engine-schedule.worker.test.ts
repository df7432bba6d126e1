// Scheduled work on a real graphile-worker: a sleep resumes through run_at, an approval expires
// through its scheduled job (onTimeout decides the outcome), and a decision resumes the run.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals } from "@/server/db/schema";
import { definePlaybook } from "@/server/engine";
import { decideApproval } from "@/server/engine/approvals";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { runRow, startTestRun, stepsOf, usePlaybooks } from "../helpers/engine";

const expiring = definePlaybook<{ onTimeout: "approve" | "reject"; expiresIn: string }>({
  id: "test-expiring-approval",
  title: "Sleep, then an approval that may expire",
  async run(ctx) {
    await ctx.sleep("settle", "300ms");
    const ok = await ctx.approval("block ip", { expiresIn: ctx.input.expiresIn as "1s", onTimeout: ctx.input.onTimeout, params: { ip: "203.0.113.7" } });
    return { approved: ok.approved, status: ok.status, by: ok.by };
  },
});

let t: TestDatabase;
let worker: VigilWorker;
beforeAll(async () => {
  t = await createTestDatabase("schedule");
  await usePlaybooks(t.db, "test/integration/engine-schedule.worker.test.ts", expiring);
  worker = await startWorker({ connectionString: t.url, concurrency: 4, pollInterval: 100 });
});
afterAll(async () => {
  await worker.stop();
  await t.drop();
});

const statusOf = async (runId: string) => (await runRow(t.db, runId)).status;

describe("scheduled resumption", () => {
  it("expires an approval through its scheduled job, approving when onTimeout says so", async () => {
    const [a, r] = await Promise.all([
      startTestRun(t.db, expiring.id, { input: { onTimeout: "approve", expiresIn: "1s" } }),
      startTestRun(t.db, expiring.id, { input: { onTimeout: "reject", expiresIn: "1s" } }),
    ]);
    await expect.poll(() => statusOf(a), { timeout: 15_000 }).toBe("succeeded");
    await expect.poll(() => statusOf(r), { timeout: 15_000 }).toBe("succeeded");
    expect((await runRow(t.db, a)).output).toEqual({ approved: true, status: "expired", by: "timeout" });
    expect((await runRow(t.db, r)).output).toEqual({ approved: false, status: "expired", by: "timeout" });
    expect((await stepsOf(t.db, a)).map((s) => [s.name, s.kind, s.status])).toEqual([
      ["settle", "sleep", "succeeded"],
      ["block ip", "approval", "succeeded"],
    ]);
  });

  it("continues right after a manager decides", async () => {
    const runId = await startTestRun(t.db, expiring.id, { input: { onTimeout: "reject", expiresIn: "1h" } });
    await expect.poll(() => statusOf(runId), { timeout: 15_000 }).toBe("waiting");
    await expect.poll(async () => (await t.db.select().from(approvals).where(eq(approvals.runId, runId))).length, { timeout: 15_000 }).toBe(1);
    const [approval] = await t.db.select().from(approvals).where(eq(approvals.runId, runId));
    const manager = await seedUser(t.db, "manager");
    await t.db.transaction((tx) => decideApproval(tx, manager, { approvalId: approval!.id, decision: "approve", paramsHash: approval!.paramsHash }));
    await expect.poll(() => statusOf(runId), { timeout: 5_000, interval: 100 }).toBe("succeeded");
    expect((await runRow(t.db, runId)).output).toEqual({ approved: true, status: "approved", by: manager.name });
  });
});
