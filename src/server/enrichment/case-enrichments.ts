// What the case page shows next to each observable: the cached enrichment results (fresh or
// stale) per provider, with a worst-verdict summary.
import { asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { caseObservables, observables } from "../db/schema";
import { OBSERVABLE_TYPES, type ObservableType } from "../db/schema/enums";
import type { Logger } from "../logger";
import { loadEnrichmentSources } from "./sources";
import { readCached, type CachedEnrichment } from "./cache";
import { VERDICTS, worstVerdict, type Verdict } from "./verdict";

export interface ObservableEnrichments {
  observable: { id: string; type: ObservableType; value: string };
  /** The most alarming verdict among the results (malicious > suspicious > benign > unknown). */
  verdict: Verdict | null;
  results: Array<CachedEnrichment & { stale: boolean }>;
}

const rank = (v: Verdict | null) => (v === null ? VERDICTS.length : VERDICTS.indexOf(v));

/** The observables of a case (at most `limit`), each with its cached results; most alarming first. */
export async function enrichmentsForCase(db: DbOrTx, caseId: string, limit = 200): Promise<ObservableEnrichments[]> {
  const rows = await db
    .select({ id: observables.id, type: observables.type, value: observables.value })
    .from(caseObservables)
    .innerJoin(observables, eq(observables.id, caseObservables.observableId))
    .where(eq(caseObservables.caseId, caseId))
    .orderBy(asc(observables.type), asc(observables.value))
    .limit(limit);
  const cached = await readCached(db, rows.map((r) => r.id));
  const now = Date.now();
  const view = rows.map((observable) => {
    const results = cached
      .filter((c) => c.observableId === observable.id)
      .map(({ observableId: _o, ...c }) => ({ ...c, stale: c.expiresAt.getTime() <= now }))
      .sort((a, b) => a.provider.localeCompare(b.provider));
    return { observable, verdict: worstVerdict(results.map((r) => r.verdict)), results };
  });
  // Stable sort: within one verdict the type/value order of the query stays.
  return view.sort((a, b) => rank(a.verdict) - rank(b.verdict));
}

/** The case page's view: observables with results, and which types the enabled providers cover. */
export async function caseEnrichmentView(db: Db, caseId: string, log: Logger): Promise<{ observables: ObservableEnrichments[]; enrichableTypes: ObservableType[] }> {
  const sources = await loadEnrichmentSources(db, { signal: AbortSignal.timeout(10_000), log });
  return { observables: await enrichmentsForCase(db, caseId), enrichableTypes: OBSERVABLE_TYPES.filter((t) => sources.some((s) => s.client.supports(t))) };
}
