// The loop end to end on real Postgres and a real graphile-worker: webhook -> case -> run ->
// journaled step -> succeeded, with the comment on the case timeline.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseEvents, comments, playbookRuns, runSteps } from "@/server/db/schema";
import { handleWebhook } from "@/server/intake/ingest";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";

let t: TestDatabase;
let worker: VigilWorker;

beforeAll(async () => {
  t = await createTestDatabase("engine");
  worker = await startWorker({ connectionString: t.url, concurrency: 2, pollInterval: 200 });
});
afterAll(async () => {
  await worker.stop();
  await t.drop();
});

describe("playbook runs on the worker", () => {
  it("runs the example playbook for a new case and journals its step", async () => {
    const source = await seedSource(t.db);
    const res = await handleWebhook(
      t.db,
      new Request("http://vigil.test/x", { method: "POST", headers: { authorization: `Bearer ${source.secret}`, "content-type": "application/json" }, body: JSON.stringify({ title: "Suspicious login", user: "bob", src_ip: "203.0.113.9" }) }),
      source.slug,
    );
    expect(res.status).toBe(202);
    const { caseId } = (await res.json()) as { caseId: string };

    await expect.poll(async () => (await t.db.select().from(playbookRuns).where(eq(playbookRuns.caseId, caseId)))[0]?.status, { timeout: 15_000 }).toBe("succeeded");
    const [run] = await t.db.select().from(playbookRuns).where(eq(playbookRuns.caseId, caseId));
    expect(run!.versionHash).toMatch(/^[0-9a-f]{16}$/);
    const steps = await t.db.select().from(runSteps).where(eq(runSteps.runId, run!.id));
    expect(steps.map((s) => [s.name, s.status, s.attempt])).toEqual([
      ["summarize observables", "succeeded", 1],
      ["comment#1", "succeeded", 1],
    ]);
    expect(steps[0]!.output).toMatchObject({ title: "Suspicious login", counts: { user: 1, ip: 1 } });
    const [comment] = await t.db.select().from(comments).where(eq(comments.caseId, caseId));
    expect(comment!.body).toMatch(/Triage summary: `Suspicious login` \(medium\) with 1 ip, 1 user/);
    const kinds = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => e.kind);
    expect(kinds).toEqual(["case_opened", "run_started", "comment", "run_finished"]);
  });
});
