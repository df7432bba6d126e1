// The step journal on real Postgres: retries and backoff (long ones reschedule the run instead of
// holding the job), "don't retry" and "retry after" errors, timeouts, unique names, replay checks,
// sleeps, case status, cancel, retry from the failed step, and fencing of a superseded execution.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, auditLog, caseEvents, cases } from "@/server/db/schema";
import { definePlaybook, NonRetriableError, RetryAfterError } from "@/server/engine";
import { TASKS } from "@/server/engine/jobs";
import { replacePlaybook } from "@/server/engine/registry";
import { cancelRun, retryRun } from "@/server/engine/run-control";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { clearJobs, createCase, drive, pendingJobs, runRow, startTestRun, stepsOf, usePlaybooks } from "../helpers/engine";

const FILE = "test/integration/engine-steps.postgres.test.ts";
const calls = new Map<string, number>();
const count = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1).get(key)!;

const flaky = definePlaybook<{ failTimes: number; error?: "plain" | "nonretriable" | "later" }>({
  id: "test-flaky",
  title: "Flaky step",
  async run(ctx) {
    return ctx.step(
      "call vendor",
      ({ attempt, idempotencyKey }) => {
        count(ctx.runId);
        if (attempt <= ctx.input.failTimes) {
          if (ctx.input.error === "nonretriable") throw new NonRetriableError("vendor says the user does not exist");
          if (ctx.input.error === "later") throw new RetryAfterError("vendor rate limit", 5_000);
          throw new Error(`vendor unavailable (attempt ${attempt})`);
        }
        return { attempt, idempotencyKey };
      },
      { retries: 3, backoff: 5 },
    );
  },
});

const rules = definePlaybook<{ case: "dup" | "timeout" | "bad-output" }>({
  id: "test-step-rules",
  title: "Step rules",
  async run(ctx) {
    if (ctx.input.case === "dup") {
      await ctx.step("same", () => 1);
      await ctx.step("same", () => 2);
    }
    if (ctx.input.case === "timeout") await ctx.step("slow", ({ signal }) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve())), { timeout: 50 });
    if (ctx.input.case === "bad-output") await ctx.step("bigint", () => ({ n: 1n }) as never);
  },
});

const sequence = definePlaybook({
  id: "test-sequence",
  title: "Three steps, a sleep and a case status",
  async run(ctx) {
    await ctx.step("one", () => count(`${ctx.runId}:one`));
    await ctx.sleep("pause", "2s");
    const fail = await ctx.step("two", () => (count(`${ctx.runId}:two`), (globalThis as { failTwo?: boolean }).failTwo === true));
    await ctx.step("three", () => {
      count(`${ctx.runId}:three`);
      if ((globalThis as { failThree?: boolean }).failThree) throw new NonRetriableError("three is broken");
      return fail;
    });
    await ctx.setCaseStatus("contained", { reason: "account disabled" });
  },
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("steps");
  await usePlaybooks(t.db, FILE, flaky, rules, sequence);
});
afterAll(() => t.drop());

async function started(playbookId: string, input: Record<string, unknown> = {}, caseId: string | null = null) {
  const runId = await startTestRun(t.db, playbookId, { input, caseId });
  await clearJobs(t.db);
  return runId;
}

describe("ctx.step retries and errors", () => {
  it("retries with short backoff inside the job and records the attempts", async () => {
    const runId = await started(flaky.id, { failTimes: 2 });
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect((await runRow(t.db, runId)).output).toEqual({ attempt: 3, idempotencyKey: `${runId}:call vendor` });
    const [step] = await stepsOf(t.db, runId);
    expect(step).toMatchObject({ status: "succeeded", attempt: 3, error: null });
    expect(calls.get(runId)).toBe(3);
  });

  it("fails at once on NonRetriableError and after the last attempt otherwise", async () => {
    const a = await started(flaky.id, { failTimes: 9, error: "nonretriable" });
    expect(await drive(t.db, a)).toBe("failed");
    expect((await runRow(t.db, a)).error).toBe('step "call vendor" failed after 1 attempt(s): vendor says the user does not exist');
    const b = await started(flaky.id, { failTimes: 9 });
    expect(await drive(t.db, b)).toBe("failed");
    expect((await stepsOf(t.db, b))[0]).toMatchObject({ status: "failed", attempt: 4, error: "vendor unavailable (attempt 4)" });
  });

  it("ends the job on a long RetryAfterError and resumes from a scheduled job", async () => {
    const runId = await started(flaky.id, { failTimes: 1, error: "later" });
    const before = Date.now();
    expect(await drive(t.db, runId)).toBe("waiting");
    const [step] = await stepsOf(t.db, runId);
    expect(step).toMatchObject({ status: "waiting", attempt: 1, error: "vendor rate limit" });
    expect(step!.wakeAt!.getTime() - before).toBeGreaterThanOrEqual(4_900);
    const [job] = await pendingJobs(t.db, TASKS.playbookRun, runId);
    expect(new Date(job!.run_at).getTime()).toBe(step!.wakeAt!.getTime());
    expect(await drive(t.db, runId)).toBe("waiting"); // woken early: still waiting, no second wake-up job
    expect(await pendingJobs(t.db, TASKS.playbookRun, runId)).toHaveLength(1);
    await t.db.execute(sql`update run_steps set wake_at = now() - interval '1 second' where run_id = ${runId}`);
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect((await stepsOf(t.db, runId))[0]).toMatchObject({ status: "succeeded", attempt: 2 });
  });

  it("enforces unique names, timeouts and JSON outputs with clear messages", async () => {
    const run = async (c: string) => {
      const id = await started(rules.id, { case: c });
      expect(await drive(t.db, id)).toBe("failed");
      return (await runRow(t.db, id)).error;
    };
    expect(await run("dup")).toBe('step name "same" is used twice in this run; step names must be unique');
    expect(await run("timeout")).toBe('step "slow" failed after 1 attempt(s): step "slow" timed out after 50 ms');
    expect(await run("bad-output")).toMatch(/^step "bigint" failed after 1 attempt\(s\): step "bigint" returned a value that is not JSON/);
  });
});

describe("replay, sleep, cancel and retry", () => {
  it("sleeps through a scheduled job and replays completed steps without running them again", async () => {
    const caseId = await createCase(t.db);
    const runId = await started(sequence.id, {}, caseId);
    expect(await drive(t.db, runId)).toBe("waiting");
    const [wake] = await pendingJobs(t.db, TASKS.playbookRun, runId);
    const sleepStep = (await stepsOf(t.db, runId))[1]!;
    expect(sleepStep).toMatchObject({ name: "pause", kind: "sleep", status: "waiting" });
    expect(new Date(wake!.run_at).getTime()).toBe(sleepStep.wakeAt!.getTime());
    await t.db.execute(sql`update run_steps set wake_at = now() where run_id = ${runId} and name = 'pause'`);
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect([calls.get(`${runId}:one`), calls.get(`${runId}:two`), calls.get(`${runId}:three`)]).toEqual([1, 1, 1]);
    const [c] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c!.status).toBe("contained");
    const events = await t.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, "status_changed")));
    expect(events.map((e) => e.data)).toEqual([{ from: "new", to: "contained", reason: "account disabled" }]);
  });

  it("retries a failed run from its failed step, audited", async () => {
    const caseId = await createCase(t.db);
    const runId = await started(sequence.id, {}, caseId);
    (globalThis as { failThree?: boolean }).failThree = true;
    expect(await drive(t.db, runId)).toBe("waiting");
    await t.db.execute(sql`update run_steps set wake_at = now() where run_id = ${runId} and name = 'pause'`);
    expect(await drive(t.db, runId)).toBe("failed");
    (globalThis as { failThree?: boolean }).failThree = false;
    await clearJobs(t.db); // the sleep's wake-up, which this test replaced by moving wake_at
    const analyst = await seedUser(t.db, "analyst");
    await expect(t.db.transaction((tx) => retryRun(tx, analyst, { runId }))).resolves.toEqual({ status: "queued", fromStep: "three" });
    expect(await pendingJobs(t.db, TASKS.playbookRun, runId)).toHaveLength(1);
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect([calls.get(`${runId}:one`), calls.get(`${runId}:two`), calls.get(`${runId}:three`)]).toEqual([1, 1, 2]);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "run.retry"));
    expect(audit!.data).toMatchObject({ fromStep: "three", previousError: 'step "three" failed after 1 attempt(s): three is broken' });
    await expect(t.db.transaction((tx) => retryRun(tx, analyst, { runId }))).rejects.toMatchObject({ code: "CONFLICT", message: "run is succeeded; only failed runs can be retried" });
  });

  it("cancels a waiting run: wake-up removed, later jobs skip it", async () => {
    const runId = await started(sequence.id);
    expect(await drive(t.db, runId)).toBe("waiting");
    const analyst = await seedUser(t.db, "analyst");
    await t.db.transaction((tx) => cancelRun(tx, { ...analyst }, { runId, reason: "false positive" }));
    const run = await runRow(t.db, runId);
    expect(run).toMatchObject({ status: "cancelled", error: `cancelled by ${analyst.name}: false positive` });
    expect(await pendingJobs(t.db, TASKS.playbookRun, runId)).toHaveLength(0);
    expect((await stepsOf(t.db, runId)).map((s) => s.status)).toEqual(["succeeded", "skipped"]);
    expect(await drive(t.db, runId)).toBe("skipped");
    await expect(t.db.transaction((tx) => cancelRun(tx, analyst, { runId }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, "run.cancel"))).length).toBe(1);
    expect(await t.db.select().from(approvals).where(eq(approvals.runId, runId))).toHaveLength(0);
  });

  it("fails with a clear message when the code reorders completed steps", async () => {
    const runId = await started(sequence.id);
    expect(await drive(t.db, runId)).toBe("waiting");
    replacePlaybook(
      definePlaybook({ ...sequence, async run(ctx) {
        await ctx.sleep("pause", "2s");
        await ctx.step("one", () => 1);
      } }),
      "test/helpers/engine.ts",
    );
    try {
      expect(await drive(t.db, runId)).toBe("failed");
    } finally {
      replacePlaybook(sequence, FILE);
    }
    expect((await runRow(t.db, runId)).error).toMatch(/^playbook changed under a running run \(started on version \w+, now \w+\): "pause" was recorded as sleep #2, now reached as sleep #1$/);
  });

  it("stops an execution that lost the run to another one without writing", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = definePlaybook({ id: "test-superseded", title: "Superseded", async run(ctx) {
      await ctx.step("slow", async () => {
        await gate;
        return "late";
      });
    } });
    await usePlaybooks(t.db, FILE, slow);
    const runId = await started(slow.id);
    const outcome = drive(t.db, runId);
    await expect.poll(async () => (await stepsOf(t.db, runId))[0]?.status).toBe("running");
    await t.db.execute(sql`update playbook_runs set execution_id = 'someone-else' where id = ${runId}`); // another worker took over
    release();
    expect(await outcome).toBe("skipped");
    expect((await stepsOf(t.db, runId))[0]).toMatchObject({ status: "running", output: null });
  });
});
