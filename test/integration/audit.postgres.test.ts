// The audit trail on real Postgres: append-only by trigger, hash chain verified, tampering found.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/server/audit/append";
import { verifyAuditChain } from "@/server/audit/verify";
import { auditLog } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("audit");
  for (let i = 0; i < 5; i++) await t.db.transaction((tx) => appendAudit(tx, { actor: "user:test", action: "case.assign", subject: `case:${i}`, data: { i, password: "hunter2" } }));
});
afterAll(() => t.drop());

describe("audit_log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    // drizzle wraps the Postgres error; the trigger's message is on the cause.
    const refusal = (message: RegExp) => ({ cause: expect.objectContaining({ message: expect.stringMatching(message) }) });
    await expect(t.db.execute(sql`update audit_log set actor = 'mallory'`)).rejects.toMatchObject(refusal(/append-only: UPDATE refused/));
    await expect(t.db.execute(sql`delete from audit_log`)).rejects.toMatchObject(refusal(/append-only: DELETE refused/));
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toMatchObject(refusal(/append-only: TRUNCATE refused/));
    expect(await t.db.$count(auditLog)).toBe(5);
  });

  it("never stores secret-looking values", async () => {
    const rows = await t.db.select().from(auditLog);
    expect(JSON.stringify(rows)).not.toContain("hunter2");
  });

  it("verifies an intact chain", async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 5, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("finds the first tampered row when a superuser bypasses the trigger", async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await tx.execute(sql`update audit_log set actor = 'user:mallory' where id = 3`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/hash does not match/) });
  });
});
