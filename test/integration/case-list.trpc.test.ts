// The cases list through tRPC on real Postgres: every filter, search by title / observable /
// number, and keyset pagination that returns each case exactly once in every sort.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ingestAlert, seedSource, seedUser } from "../helpers/fixtures";
import { callerFor, type TestUser } from "../helpers/trpc";

let t: TestDatabase;
let me: TestUser;
let sourceA: { id: string; slug: string };
let sourceB: { id: string; slug: string };
const caseIds: string[] = [];
const SEVERITIES = ["low", "medium", "high", "critical"] as const;

beforeAll(async () => {
  t = await createTestDatabase("caselist");
  me = await seedUser(t.db, "analyst");
  sourceA = await seedSource(t.db, { slug: "siem-a" });
  sourceB = await seedSource(t.db, { slug: "siem-b" });
  for (let i = 0; i < 23; i++) {
    const stored = await ingestAlert(t.db, i % 3 === 0 ? sourceB : sourceA, {
      id: `l-${i}`,
      title: i % 2 ? `Brute force against user${i}` : `Malware on host-${i}`,
      severity: SEVERITIES[i % 4],
      user: `user${i}`,
      src_ip: `203.0.113.${i % 5}`,
    });
    caseIds.push(stored.caseId!);
  }
  // Spread creation times (several share one timestamp, to exercise the id tie-breaker).
  for (const [i, id] of caseIds.entries()) await t.db.update(cases).set({ createdAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 3))) }).where(eq(cases.id, id));
  const api = callerFor(t.db, me);
  await api.cases.bulkAssign({ caseIds: caseIds.slice(0, 4), assigneeId: me.id });
  await api.cases.bulkClose({ caseIds: caseIds.slice(20), status: "resolved" });
});
afterAll(() => t.drop());

async function all(input: Parameters<ReturnType<typeof callerFor>["cases"]["list"]>[0]) {
  const api = callerFor(t.db, me);
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const res: Awaited<ReturnType<typeof api.cases.list>> = await api.cases.list({ ...input, limit: 4, cursor });
    ids.push(...res.items.map((r) => r.id));
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

describe("cases list", () => {
  it("pages through every case exactly once, in each sort's order", async () => {
    const expected = {
      newest: await t.db.execute<{ id: string }>(sql`select id from cases order by created_at desc, id desc`),
      oldest: await t.db.execute<{ id: string }>(sql`select id from cases order by created_at asc, id asc`),
      severity: await t.db.execute<{ id: string }>(sql`select id from cases order by severity desc, created_at desc, id desc`),
    };
    for (const sort of ["newest", "oldest", "severity"] as const) expect(await all({ sort }), sort).toEqual(expected[sort].rows.map((r) => r.id));
  });

  it("filters by status, severity, assignee, source and date", async () => {
    expect(await all({ status: ["resolved"] })).toHaveLength(3);
    expect(await all({ severity: ["critical"] })).toHaveLength(5);
    expect(new Set(await all({ assignee: "me" }))).toEqual(new Set(caseIds.slice(0, 4)));
    expect(await all({ assignee: "unassigned" })).toHaveLength(19);
    expect(await all({ sourceId: sourceB.id })).toHaveLength(8);
    expect(await all({ from: new Date(Date.UTC(2026, 0, 2)), to: new Date(Date.UTC(2026, 0, 3, 23)) })).toHaveLength(6);
  });

  it("finds cases by observable (exact), by title or observable text, and by number", async () => {
    expect(await all({ observable: "203.0.113.1" })).toHaveLength(5);
    expect(await all({ observable: "203.0.113" })).toHaveLength(0);
    expect(await all({ q: "malware" })).toHaveLength(12);
    expect(await all({ q: "user13" })).toEqual([caseIds[13]]);
    expect(await all({ q: "203.0.113.4" })).toHaveLength(4);
    const [row] = await t.db.select({ number: cases.number }).from(cases).where(eq(cases.id, caseIds[7]!));
    expect(await all({ q: `#${row!.number}` })).toContain(caseIds[7]);
    expect(await all({ q: "100%_literal" })).toEqual([]);
  });

  it("combines search with filters and pages it", async () => {
    const ids = await all({ q: "brute", severity: ["medium", "critical"], sort: "oldest" });
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
  });

  it("counts open cases by status and offers filter choices without secrets", async () => {
    const api = callerFor(t.db, me);
    expect(await api.cases.counts()).toEqual({ new: 20, triage: 0, contained: 0 });
    const options = await api.cases.filterOptions();
    expect(options.sources.map((s) => s.slug)).toEqual(["siem-a", "siem-b"]);
    expect(JSON.stringify(options)).not.toMatch(/secret|password/i);
  });

  it("rejects a tampered cursor with a message", async () => {
    await expect(callerFor(t.db, me).cases.list({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("cursor") });
  });
});
