// The enrichment cache: one row per observable and provider in `enrichments`, fresh until its
// expires_at (the connection's TTL). Stale rows are still shown when a refresh is not possible.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { enrichments } from "../db/schema";
import { enrichmentResultSchema, type EnrichmentResult } from "./verdict";

export interface CachedEnrichment extends EnrichmentResult {
  provider: string;
  fetchedAt: Date;
  expiresAt: Date;
}

type Row = typeof enrichments.$inferSelect;

export function fromRow(row: Row): CachedEnrichment {
  const stored = enrichmentResultSchema.partial().parse(row.result);
  return {
    provider: row.provider,
    verdict: (row.verdict as EnrichmentResult["verdict"] | null) ?? "unknown",
    score: row.score,
    summary: stored.summary ?? "",
    link: stored.link ?? null,
    details: stored.details ?? {},
    fetchedAt: row.fetchedAt,
    expiresAt: row.expiresAt,
  };
}

export async function readCached(db: DbOrTx, observableIds: string[], providers?: string[]): Promise<Array<CachedEnrichment & { observableId: string }>> {
  if (observableIds.length === 0) return [];
  const rows = await db
    .select()
    .from(enrichments)
    .where(providers ? and(inArray(enrichments.observableId, observableIds), inArray(enrichments.provider, providers)) : inArray(enrichments.observableId, observableIds));
  return rows.map((r) => Object.assign(fromRow(r), { observableId: r.observableId }));
}

export async function storeResult(db: DbOrTx, observableId: string, provider: string, result: EnrichmentResult, ttlMs: number): Promise<CachedEnrichment> {
  const values = {
    observableId,
    provider,
    verdict: result.verdict,
    score: result.score === null ? null : Math.round(result.score),
    result: { summary: result.summary, link: result.link, details: result.details },
    fetchedAt: sql`now()`,
    expiresAt: sql`now() + ${`${Math.max(1, Math.round(ttlMs / 1000))} seconds`}::interval`,
  };
  const [row] = await db
    .insert(enrichments)
    .values(values as never)
    .onConflictDoUpdate({ target: [enrichments.observableId, enrichments.provider], set: { verdict: values.verdict, score: values.score, result: values.result, fetchedAt: values.fetchedAt, expiresAt: values.expiresAt } as never })
    .returning();
  return fromRow(row!);
}

export async function readOne(db: DbOrTx, observableId: string, provider: string): Promise<CachedEnrichment | undefined> {
  const [row] = await db.select().from(enrichments).where(and(eq(enrichments.observableId, observableId), eq(enrichments.provider, provider))).limit(1);
  return row ? fromRow(row) : undefined;
}
