// ctx.waitFor on real Postgres: signals resolve matching waits (and only those), a timeout resolves
// to null, a signal that arrived before the wait was registered still counts, and "was this you?"
// links deliver their answer once.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/server/db/schema";
import { createCaller } from "@/server/api/root";
import { confirmationLink, definePlaybook } from "@/server/engine";
import { answerConfirmation, verifyConfirmationLink } from "@/server/engine/confirm-links";
import { deliverSignal } from "@/server/engine/signals";
import { TASKS } from "@/server/engine/jobs";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { clearJobs, drive, pendingJobs, runRow, startTestRun, stepsOf, usePlaybooks } from "../helpers/engine";

const confirm = definePlaybook<{ user: string; timeout?: string }>({
  id: "test-confirm-login",
  title: "Ask the user whether it was them",
  async run(ctx) {
    const link = await ctx.step("make link", () => confirmationLink({ event: "login.confirmed", data: { runId: ctx.runId, user: ctx.input.user }, question: "Did you sign in from Lisbon?", expiresIn: "1h" }));
    const answer = await ctx.waitFor("user answer", { event: "login.confirmed", match: { runId: ctx.runId }, timeout: (ctx.input.timeout ?? "1h") as "1h" });
    return { link, answer: answer?.data.answer ?? null };
  },
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("signals");
  await usePlaybooks(t.db, "test/integration/engine-signals.postgres.test.ts", confirm);
});
afterAll(() => t.drop());

async function waiting(input: { user: string; timeout?: string }) {
  const runId = await startTestRun(t.db, confirm.id, { input });
  await clearJobs(t.db);
  expect(await drive(t.db, runId)).toBe("waiting");
  return runId;
}

describe("ctx.waitFor", () => {
  it("resumes the run whose match the signal contains, and no other", async () => {
    const [a, b] = [await waiting({ user: "alice" }), await waiting({ user: "bob" })];
    const delivered = await t.db.transaction((tx) => deliverSignal(tx, { event: "login.confirmed", data: { runId: a, answer: "yes", extra: 1 } }, "test"));
    expect(delivered.resumedRuns).toEqual([a]);
    const soon = Date.now() + 5_000;
    // a: resumed now, its timeout wake-up removed; b: still only its timeout wake-up, an hour away
    expect((await pendingJobs(t.db, TASKS.playbookRun, a)).map((j) => new Date(j.run_at).getTime() < soon)).toEqual([true]);
    expect((await pendingJobs(t.db, TASKS.playbookRun, b)).map((j) => new Date(j.run_at).getTime() < soon)).toEqual([false]);
    expect(await drive(t.db, a)).toBe("succeeded");
    expect((await runRow(t.db, a)).output).toMatchObject({ answer: "yes" });
    expect((await stepsOf(t.db, b))[1]).toMatchObject({ status: "waiting" });
  });

  it("resolves to null on timeout", async () => {
    const runId = await waiting({ user: "carol", timeout: "2s" });
    const wait = (await stepsOf(t.db, runId))[1]!;
    const [wake] = await pendingJobs(t.db, TASKS.playbookRun, runId);
    expect(new Date(wake!.run_at).getTime()).toBe(wait.wakeAt!.getTime());
    await t.db.execute(sql`update run_steps set wake_at = now() - interval '1 second' where run_id = ${runId} and name = 'user answer'`);
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect((await runRow(t.db, runId)).output).toMatchObject({ answer: null });
    expect((await stepsOf(t.db, runId))[1]).toMatchObject({ status: "succeeded", output: { timedOut: true } });
  });

  it("takes a signal that arrived after the run started but before the wait was registered", async () => {
    const runId = await startTestRun(t.db, confirm.id, { input: { user: "dave" } });
    await clearJobs(t.db);
    await t.db.transaction((tx) => deliverSignal(tx, { event: "login.confirmed", data: { runId, answer: "no" } }, "test"));
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect((await runRow(t.db, runId)).output).toMatchObject({ answer: "no" });
  });

  it("delivers a confirmation link's answer once", async () => {
    const runId = await waiting({ user: "erin" });
    const link = (await stepsOf(t.db, runId))[0]!.output as string;
    const token = link.split("/confirm/")[1]!;
    expect(verifyConfirmationLink(token)).toMatchObject({ event: "login.confirmed", question: "Did you sign in from Lisbon?", data: { runId, user: "erin" } });
    const result = await t.db.transaction((tx) => answerConfirmation(tx, { token, answer: "yes" }));
    expect(result.resumedRuns).toEqual([runId]);
    await expect(t.db.transaction((tx) => answerConfirmation(tx, { token, answer: "no" }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await drive(t.db, runId)).toBe("succeeded");
    expect((await runRow(t.db, runId)).output).toMatchObject({ answer: "yes" });
  });

  it("lets analysts deliver signals through tRPC, audited", async () => {
    const runId = await waiting({ user: "frank" });
    const analyst = await seedUser(t.db, "analyst");
    const api = createCaller({ db: t.db, session: { id: "s", user: analyst, expiresAt: new Date(Date.now() + 60_000) }, sessionToken: "x", req: new Request("http://vigil.test"), resHeaders: new Headers(), actor: `user:${analyst.id}` });
    const res = await api.runs.signal({ event: "login.confirmed", data: { runId, answer: "yes", note: "confirmed by phone" } });
    expect(res.resumedRuns).toEqual([runId]);
    await expect(api.runs.signal({ event: "bad event!", data: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const audits = (await t.db.select().from(auditLog)).filter((a) => a.action === "signal.deliver" && a.actor === `user:${analyst.id}`);
    expect(audits).toHaveLength(1);
  });
});
