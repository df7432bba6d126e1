// Analysts start playbooks by hand through tRPC; input is validated; the start is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, playbookRuns } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { callerFor as callerForDb, type TestUser } from "../helpers/trpc";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("manualrun");
});
afterAll(() => t.drop());

const callerFor = (user: TestUser) => callerForDb(t.db, user);

describe("manual runs", () => {
  it("lists playbooks with their trigger and starts one, audited", async () => {
    const analyst = await seedUser(t.db, "analyst");
    const api = callerFor(analyst);
    const list = await api.playbooks.list();
    expect(list.find((p) => p.id === "alert-summary")).toMatchObject({ enabled: true, trigger: { source: "*", on: "case" }, manual: false, inputJsonSchema: null });
    const { runId } = await api.runs.start({ playbookId: "alert-summary", input: {} });
    const [run] = await t.db.select().from(playbookRuns);
    expect(run).toMatchObject({ id: runId, requestedBy: analyst.id, status: "queued" });
    expect((await t.db.select().from(auditLog)).map((a) => a.action)).toContain("run.start");
  });

  it("refuses unknown playbooks and unknown cases with clear errors", async () => {
    const api = callerFor(await seedUser(t.db, "analyst"));
    await expect(api.runs.start({ playbookId: "nope", input: {} })).rejects.toMatchObject({ code: "NOT_FOUND", message: 'playbook "nope" does not exist' });
    await expect(api.runs.start({ playbookId: "alert-summary", caseId: "00000000-0000-4000-8000-000000000000", input: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
