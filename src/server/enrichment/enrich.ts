// Enriching observables: for each enrichment source (a connection: provider, API key, TTL, quota)
// that supports the observable's type, use the cached answer while fresh, else look it up within
// the key's quota and cache it. Failures are results too, so a case page shows what is missing.
import type { Db } from "../db/client";
import type { ObservableType } from "../db/schema/enums";
import type { Logger } from "../logger";
import { IntegrationError } from "../integrations/errors";
import { readOne, storeResult, type CachedEnrichment } from "./cache";
import { markExhausted, takeQuota, type QuotaLimits } from "./quota";
import type { EnrichmentProvider } from "./verdict";

export interface EnrichmentSource {
  /** The connection (one API key). */
  connectionId: string;
  connectionName: string;
  /** Integration id, stored as enrichments.provider: abuseipdb | virustotal | greynoise. */
  provider: string;
  ttlMs: number;
  limits: QuotaLimits;
  client: EnrichmentProvider;
}

export interface ObservableRef {
  id: string;
  type: ObservableType;
  value: string;
}

export type EnrichmentStatus = "fresh" | "cached" | "rate_limited" | "error";

export interface EnrichmentOutcome {
  provider: string;
  connection: string;
  status: EnrichmentStatus;
  /** The answer (fresh, cached, or the stale one kept when a refresh failed). */
  result: CachedEnrichment | null;
  error: string | null;
  /** When a rate-limited lookup may be tried again. */
  retryAt: string | null;
}

async function enrichOne(db: Db, observable: ObservableRef, source: EnrichmentSource, force: boolean, log: Logger): Promise<EnrichmentOutcome> {
  const base = { provider: source.provider, connection: source.connectionName };
  const cached = await readOne(db, observable.id, source.provider);
  if (cached && !force && cached.expiresAt.getTime() > Date.now()) return { ...base, status: "cached", result: cached, error: null, retryAt: null };
  const quota = await takeQuota(db, source.connectionId, source.limits);
  if (!quota.ok)
    return { ...base, status: "rate_limited", result: cached ?? null, error: `${source.connectionName}: ${quota.window} quota used up`, retryAt: quota.retryAt.toISOString() };
  try {
    const result = await source.client.lookup(observable.type, observable.value);
    return { ...base, status: "fresh", result: await storeResult(db, observable.id, source.provider, result, source.ttlMs), error: null, retryAt: null };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof IntegrationError && e.details.status === 429) {
      await markExhausted(db, source.connectionId, "minute");
      return { ...base, status: "rate_limited", result: cached ?? null, error: message, retryAt: new Date(Date.now() + 60_000).toISOString() };
    }
    log.warn({ provider: source.provider, connection: source.connectionName, observable: observable.id, err: message }, "enrichment lookup failed");
    return { ...base, status: "error", result: cached ?? null, error: message, retryAt: null };
  }
}

/** Enriches one observable with every source that supports its type (in parallel). */
export async function enrichObservable(db: Db, observable: ObservableRef, sources: EnrichmentSource[], options: { force?: boolean; log: Logger }): Promise<EnrichmentOutcome[]> {
  const usable = sources.filter((s) => s.client.supports(observable.type));
  return Promise.all(usable.map((s) => enrichOne(db, observable, s, options.force ?? false, options.log)));
}
