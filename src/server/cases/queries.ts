// Read side of cases for the list page: counts by status and the choices of the filter bar. The
// list itself is in list.ts, one case in detail.ts (re-exported here for existing importers).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { alertSources, cases, users } from "../db/schema";
import { CASE_STATUSES, type CaseStatus } from "../db/schema/enums";

export { listCases, listCasesInput, type ListCasesInput } from "./list";
export { getCaseDetail } from "./detail";

const OPEN: CaseStatus[] = ["new", "triage", "contained"];

/** Open cases by status (closed ones are not counted: at 100k cases that would be a full scan). */
export async function countCasesByStatus(db: DbOrTx) {
  const rows = await db
    .select({ status: cases.status, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(inArray(cases.status, OPEN))
    .groupBy(cases.status);
  return Object.fromEntries(CASE_STATUSES.filter((s) => OPEN.includes(s)).map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<"new" | "triage" | "contained", number>;
}

/** People a case can be assigned to, and the sources a case can come from (no secrets). */
export async function caseFilterOptions(db: DbOrTx) {
  const [people, sources] = await Promise.all([
    db.select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).where(and(eq(users.disabled, false))).orderBy(asc(users.name)),
    db.select({ id: alertSources.id, slug: alertSources.slug, name: alertSources.name }).from(alertSources).orderBy(asc(alertSources.slug)),
  ]);
  return { users: people, sources };
}
