// At 100k cases and 1M alerts the cases list, its search and the case page must stay index scans.
// The real queries (as the app builds them) are EXPLAINed after a bulk seed; a Seq Scan on cases
// or alerts fails the test. Timing is measured in `npm run bench`, not here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildListCasesQuery, type ListCasesInput } from "@/server/cases/list";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedScale } from "../helpers/seed-scale";
import { callerFor, type TestUser } from "../helpers/trpc";

let t: TestDatabase;
let analyst: TestUser;
let ids: { sourceId: string; userId: string };

beforeAll(async () => {
  t = await createTestDatabase("casescale");
  await seedScale(t.db, { cases: 100_000, alertsPerCase: 10 });
  const { rows } = await t.db.$client.query<{ source_id: string; user_id: string; email: string; name: string }>(
    "select (select id from alert_sources order by slug limit 1) as source_id, u.id as user_id, u.email, u.name from users u order by u.email limit 1",
  );
  ids = { sourceId: rows[0]!.source_id, userId: rows[0]!.user_id };
  analyst = { id: rows[0]!.user_id, email: rows[0]!.email, name: rows[0]!.name, role: "analyst" };
}, 180_000);
afterAll(() => t?.drop());

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}
function seqScans(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" && node["Relation Name"] ? [node["Relation Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}
async function explain(text: string, params: unknown[]): Promise<string[]> {
  const { rows } = await t.db.$client.query(`explain (format json) ${text}`, params);
  return seqScans((rows[0] as { "QUERY PLAN": [{ Plan: PlanNode }] })["QUERY PLAN"][0].Plan);
}
const onBigTables = (scans: string[]) => scans.filter((r) => r === "cases" || r === "alerts");

describe("cases list at 100k cases / 1M alerts", () => {
  it("seeded the volume", async () => {
    const { rows } = await t.db.$client.query("select (select count(*) from cases)::int as cases, (select count(*) from alerts)::int as alerts");
    expect(rows[0]).toEqual({ cases: 100_000, alerts: 1_000_000 });
  });

  const cases: [string, () => ListCasesInput][] = [
    ["default (open, newest)", () => ({ status: ["new", "triage", "contained"] })],
    ["all statuses, oldest", () => ({ sort: "oldest" })],
    ["severity sort, high and critical", () => ({ sort: "severity", severity: ["high", "critical"] })],
    ["assigned to a user", () => ({ assignee: ids.userId })],
    ["unassigned new", () => ({ assignee: "unassigned", status: ["new"] })],
    ["one source, last week", () => ({ sourceId: ids.sourceId, from: new Date(Date.now() - 7 * 86_400_000) })],
    ["observable filter (exact ip)", () => ({ observable: "198.51.3.17" })],
    ["search: rare title word", () => ({ q: "user4711" })],
    ["search: common title word", () => ({ q: "brute" })],
    ["search: rare ip prefix", () => ({ q: "198.51.3.1" })],
    ["search: generic ip prefix", () => ({ q: "198.51" })],
    ["search: case number", () => ({ q: "#4711" })],
    ["search + filters + severity sort", () => ({ q: "phishing", status: ["new"], sort: "severity" })],
  ];

  it.each(cases)("%s: no Seq Scan on cases or alerts, next page too", async (_name, input) => {
    const built = await buildListCasesQuery(t.db, input(), analyst.id);
    const { sql, params } = built!.query.toSQL();
    expect(onBigTables(await explain(sql, params))).toEqual([]);
    const page = await callerFor(t.db, analyst).cases.list({ ...input(), limit: 50 });
    if (page.nextCursor) {
      const next = await buildListCasesQuery(t.db, { ...input(), cursor: page.nextCursor }, analyst.id);
      const q = next!.query.toSQL();
      expect(onBigTables(await explain(q.sql, q.params))).toEqual([]);
    }
  });

  it("the case page and the counts do not scan the big tables either", async () => {
    const { rows } = await t.db.$client.query<{ id: string }>("select id from cases order by created_at desc limit 1");
    const caseId = rows[0]!.id;
    expect(onBigTables(await explain("select * from alerts where case_id = $1 order by received_at desc limit 200", [caseId]))).toEqual([]);
    expect(onBigTables(await explain("select status, count(*) from cases where status in ('new','triage','contained') group by status", []))).toEqual([]);
    const detail = await callerFor(t.db, analyst).cases.byId({ id: caseId });
    expect(detail.alerts).toHaveLength(10);
    expect(detail.observables.some((o) => o.otherCases > 0)).toBe(true);
  });
});
