// Enrichment asked for by a person (the case page's "Enrich" buttons): one observable or every
// observable of a case. Sending observables to third parties is audited.
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { caseObservables, observables } from "../db/schema";
import { appendAudit } from "../audit/append";
import { AppError } from "../errors";
import type { Logger } from "../logger";
import { enrichObservable } from "./enrich";
import { outcomeJson, type EnrichmentOutcomeJson } from "./lookup";
import { loadEnrichmentSources } from "./sources";

export const enrichObservableInput = z.object({ observableId: z.string().uuid(), force: z.boolean().default(false) });
export const enrichCaseInput = z.object({ caseId: z.string().uuid(), force: z.boolean().default(false) });

/** Most observables one "enrich case" click looks up (each costs quota on every provider). */
export const CASE_ENRICH_LIMIT = 50;

async function sourcesOrThrow(db: Db, log: Logger) {
  const sources = await loadEnrichmentSources(db, { signal: AbortSignal.timeout(60_000), log });
  if (sources.length === 0) throw new AppError("BAD_REQUEST", "no enrichment connection is enabled; an admin can add AbuseIPDB, VirusTotal or GreyNoise on the connections page");
  return sources;
}

export async function enrichOneObservable(db: Db, actor: string, raw: z.input<typeof enrichObservableInput>, log: Logger): Promise<EnrichmentOutcomeJson[]> {
  const input = enrichObservableInput.parse(raw);
  const [observable] = await db.select({ id: observables.id, type: observables.type, value: observables.value }).from(observables).where(eq(observables.id, input.observableId));
  if (!observable) throw new AppError("NOT_FOUND", `observableId: observable ${input.observableId} does not exist`);
  const sources = await sourcesOrThrow(db, log);
  const outcomes = (await enrichObservable(db, observable, sources, { force: input.force, log })).map(outcomeJson);
  await db.transaction((tx) =>
    appendAudit(tx, { actor, action: "enrichment.lookup", subject: `observable:${observable.id}`, data: { type: observable.type, value: observable.value, providers: outcomes.map((o) => `${o.provider}:${o.status}`) } }),
  );
  return outcomes;
}

export async function enrichCaseObservables(db: Db, actor: string, raw: z.input<typeof enrichCaseInput>, log: Logger): Promise<{ observables: number; lookups: number }> {
  const input = enrichCaseInput.parse(raw);
  const rows = await db
    .select({ id: observables.id, type: observables.type, value: observables.value })
    .from(caseObservables)
    .innerJoin(observables, eq(observables.id, caseObservables.observableId))
    .where(eq(caseObservables.caseId, input.caseId))
    .orderBy(asc(observables.type), asc(observables.value))
    .limit(CASE_ENRICH_LIMIT);
  const sources = await sourcesOrThrow(db, log);
  let lookups = 0;
  for (const observable of rows) {
    const outcomes = await enrichObservable(db, observable, sources, { force: input.force, log });
    lookups += outcomes.filter((o) => o.status === "fresh").length;
  }
  await db.transaction((tx) => appendAudit(tx, { actor, action: "enrichment.case", subject: `case:${input.caseId}`, data: { observables: rows.length, lookups } }));
  return { observables: rows.length, lookups };
}
