// How the cases list finds cases by text: title substring (trigram index), observable value
// (exact, or substring via trigram), and case number. Observable matches are resolved ADAPTIVELY:
// Postgres assumes matches are spread evenly over time, so for a rare IP it would walk the
// created_at index through most of the table. We first look at how many cases the observables
// are in; a few thousand or fewer are fetched by id (= ANY(ARRAY(...)) runs the subquery once, then
// primary-key lookups), more than that are dense enough that walking the sort index is the fast plan.
import { count, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { caseObservables, cases, observables } from "../db/schema";

/** More observables than this match: the term is generic (e.g. "10.0."), walk the index. */
export const MAX_OBSERVABLE_IDS = 500;
/** Up to this many candidate cases are fetched by id and sorted; more are walked in sort order. */
export const SPARSE_CASE_LIMIT = 5_000;

/** Escapes LIKE wildcards so the user's text is matched literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type ObservableMatch = { exact: string } | { contains: string };

function valueCondition(match: ObservableMatch): SQL {
  return "exact" in match ? eq(observables.value, match.exact) : ilike(observables.value, likePattern(match.contains));
}

/**
 * A condition on cases.id selecting the cases that contain a matching observable, or null when no
 * observable matches (so nothing can).
 */
export async function observableFilterCondition(db: DbOrTx, match: ObservableMatch): Promise<SQL | null> {
  const found = await db
    .select({ id: observables.id })
    .from(observables)
    .where(valueCondition(match))
    .limit(MAX_OBSERVABLE_IDS + 1);
  if (found.length === 0) return null;
  if (found.length > MAX_OBSERVABLE_IDS) {
    const viaJoin = db
      .select({ caseId: caseObservables.caseId })
      .from(caseObservables)
      .innerJoin(observables, eq(observables.id, caseObservables.observableId))
      .where(valueCondition(match));
    return inArray(cases.id, viaJoin);
  }
  const ids = found.map((o) => o.id);
  const candidates = db.select({ caseId: caseObservables.caseId }).from(caseObservables).where(inArray(caseObservables.observableId, ids));
  const [sized] = await db.select({ n: count() }).from(candidates.limit(SPARSE_CASE_LIMIT + 1).as("c"));
  if ((sized?.n ?? 0) > SPARSE_CASE_LIMIT) return inArray(cases.id, candidates);
  return sql`${cases.id} = any(array(${candidates}))`;
}

/** One condition per way the text can match a case; the list query unions them. */
export async function searchBranches(db: DbOrTx, q: string): Promise<SQL[]> {
  const branches: SQL[] = [ilike(cases.title, likePattern(q))];
  const number = /^#?(\d{1,15})$/.exec(q);
  if (number) branches.push(eq(cases.number, Number(number[1])));
  const byObservable = await observableFilterCondition(db, { contains: q });
  if (byObservable) branches.push(byObservable);
  return branches;
}

