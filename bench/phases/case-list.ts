// case_list_p95_ms and case_search_p95_ms: the cases list through tRPC over HTTP (`next start`,
// logged-in session, superjson) on the seeded 100k cases / 1M alerts, one request at a time;
// baselines raw_case_list_sql_p95_ms / raw_case_search_sql_p95_ms: the very SQL the router
// builds, run straight on a pg pool.
import { buildListCasesQuery, type ListCasesInput } from "@/server/cases/list";
import type { Db } from "@/server/db/client";
import { percentiles, type Percentiles } from "../stats";

export function caseInputs(seed: { sourceId: string; userId: string }): { list: ListCasesInput[]; search: ListCasesInput[] } {
  return {
    list: [
      { status: ["new", "triage", "contained"] },
      { sort: "oldest" },
      { sort: "severity", severity: ["high", "critical"] },
      { assignee: seed.userId },
      { assignee: "unassigned", status: ["new"] },
      { sourceId: seed.sourceId },
    ],
    search: [{ q: "user4711" }, { q: "brute" }, { q: "198.51.3.1" }, { q: "198.51" }, { q: "#4711" }, { q: "phishing", status: ["new"], sort: "severity" }],
  };
}

export async function seedRefs(db: Db): Promise<{ sourceId: string; userId: string }> {
  const { rows } = await db.$client.query<{ source_id: string; user_id: string }>(
    "select (select id from alert_sources where slug like 'scale-src-%' order by slug limit 1) as source_id, (select id from users where email like 'scale-%' order by email limit 1) as user_id",
  );
  return { sourceId: rows[0]!.source_id, userId: rows[0]!.user_id };
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/trpc/auth.login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { email, password } }) });
  if (!res.ok) throw new Error(`login answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes("vigil_session="));
  if (!cookie) throw new Error("login set no session cookie");
  return cookie.split(";")[0]!;
}

async function timedHttp(url: string, cookie: string, input: ListCasesInput): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/trpc/cases.list?input=${encodeURIComponent(JSON.stringify({ json: { ...input, limit: 50 } }))}`, { headers: { cookie } });
  const body = await res.text();
  if (!res.ok) throw new Error(`cases.list answered ${res.status}: ${body.slice(0, 300)}`);
  return performance.now() - t0;
}

async function timedSql(db: Db, userId: string, input: ListCasesInput): Promise<number> {
  const t0 = performance.now();
  const built = await buildListCasesQuery(db, { ...input, limit: 50 }, userId);
  if (built) {
    const { sql, params } = built.query.toSQL();
    await db.$client.query(sql, params);
  }
  return performance.now() - t0;
}

export interface CaseListResult {
  list: Percentiles;
  search: Percentiles;
  rawList: Percentiles;
  rawSearch: Percentiles;
}

/** `rounds` passes over every input (after one unmeasured pass), bounded by `timeoutMs`. */
export async function benchCaseList(db: Db, url: string, cookie: string, viewerId: string, rounds: number, timeoutMs: number): Promise<CaseListResult> {
  const inputs = caseInputs(await seedRefs(db));
  const deadline = Date.now() + timeoutMs;
  const samples = { list: [] as number[], search: [] as number[], rawList: [] as number[], rawSearch: [] as number[] };
  for (let round = 0; round <= rounds && Date.now() < deadline; round++) {
    for (const kind of ["list", "search"] as const)
      for (const input of inputs[kind]) {
        const viaHttp = await timedHttp(url, cookie, input);
        const viaSql = await timedSql(db, viewerId, input);
        if (round === 0) continue; // warm-up: plans and caches
        samples[kind].push(viaHttp);
        samples[kind === "list" ? "rawList" : "rawSearch"].push(viaSql);
      }
  }
  return { list: percentiles(samples.list), search: percentiles(samples.search), rawList: percentiles(samples.rawList), rawSearch: percentiles(samples.rawSearch) };
}
