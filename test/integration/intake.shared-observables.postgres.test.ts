// Alerts sharing an observable (one attacker IP in many alerts) are stored concurrently without
// waiting on each other's observable row: every alert links to the one row, and last_seen is
// bumped after commit, at most every 10 s per observable.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertObservables, observables } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ingestAlert, seedSource } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("sharedobs");
});
afterAll(() => t?.drop());

const ipRow = async (ip: string) => (await t.db.select().from(observables).where(sql`${observables.type} = 'ip' and ${observables.value} = ${ip}`))[0];

describe("shared observables", () => {
  it("stores 30 concurrent alerts with the same new IP: one observable row, 30 links", async () => {
    const source = await seedSource(t.db);
    const stored = await Promise.all(
      Array.from({ length: 30 }, (_, i) => ingestAlert(t.db, source, { id: `s-${i}`, title: "Brute force", severity: "high", user: `user${i}`, src_ip: "203.0.113.77" })),
    );
    expect(new Set(stored.map((s) => s.alertId)).size).toBe(30);
    const row = await ipRow("203.0.113.77");
    expect(row).toBeDefined();
    expect(await t.db.$count(alertObservables, eq(alertObservables.observableId, row!.id))).toBe(30);
  });

  it("bumps last_seen of a known observable after commit, and leaves a fresh one alone", async () => {
    const source = await seedSource(t.db);
    await ingestAlert(t.db, source, { id: "ls-1", title: "Scan", severity: "low", user: "carol", src_ip: "203.0.113.88" });
    const old = new Date(Date.now() - 3_600_000);
    await t.db.update(observables).set({ lastSeen: old }).where(sql`${observables.value} = '203.0.113.88'`);
    await ingestAlert(t.db, source, { id: "ls-2", title: "Scan", severity: "low", user: "dave", src_ip: "203.0.113.88" });
    const deadline = Date.now() + 5_000;
    while ((await ipRow("203.0.113.88"))!.lastSeen.getTime() === old.getTime() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const bumped = (await ipRow("203.0.113.88"))!.lastSeen;
    expect(Date.now() - bumped.getTime()).toBeLessThan(10_000);

    await ingestAlert(t.db, source, { id: "ls-3", title: "Scan", severity: "low", user: "erin", src_ip: "203.0.113.88" });
    await new Promise((r) => setTimeout(r, 200));
    expect((await ipRow("203.0.113.88"))!.lastSeen.getTime()).toBe(bumped.getTime()); // seen < 10 s ago: not rewritten
  });
});
