// Per-API-key quotas for enrichment lookups (fixed minute and day windows in Postgres), so Vigil
// stays inside a provider's plan (VirusTotal public: 4/min, 500/day) instead of collecting 429s,
// and stops calling once the provider itself said 429 until that window ends.
import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { apiQuotaUsage } from "../db/schema";

export const quotaLimitsSchema = z.object({
  perMinute: z.number().int().min(1).max(100_000).meta({ title: "Lookups per minute", description: "The plan's per-minute limit for this API key." }),
  perDay: z.number().int().min(1).max(10_000_000).meta({ title: "Lookups per day", description: "The plan's daily limit for this API key." }),
});
export type QuotaLimits = z.output<typeof quotaLimitsSchema>;

export type QuotaCheck = { ok: true } | { ok: false; window: "minute" | "day"; retryAt: Date };

const WINDOWS = [
  { name: "minute", trunc: "minute", ms: 60_000 },
  { name: "day", trunc: "day", ms: 86_400_000 },
] as const;

const windowStart = (trunc: string) => sql`date_trunc(${trunc}, now())`;

class QuotaFull extends Error {
  constructor(readonly check: Extract<QuotaCheck, { ok: false }>) {
    super(`quota full (${check.window})`);
  }
}

/**
 * Counts one lookup against both windows, atomically; refuses (and counts nothing) when either
 * window is full or was marked exhausted by the provider.
 */
export async function takeQuota(db: Db, keyId: string, limits: QuotaLimits): Promise<QuotaCheck> {
  try {
    return await db.transaction(async (tx) => {
      for (const w of WINDOWS) {
        const key = `${keyId}:${w.name}`;
        const limit = w.name === "minute" ? limits.perMinute : limits.perDay;
        const [row] = await tx
          .insert(apiQuotaUsage)
          .values({ key, windowStart: windowStart(w.trunc), count: 1 })
          .onConflictDoUpdate({ target: [apiQuotaUsage.key, apiQuotaUsage.windowStart], set: { count: sql`${apiQuotaUsage.count} + 1` } })
          .returning({ count: apiQuotaUsage.count, exhausted: apiQuotaUsage.exhausted, windowStart: apiQuotaUsage.windowStart });
        if (row!.exhausted || row!.count > limit) throw new QuotaFull({ ok: false, window: w.name, retryAt: new Date(row!.windowStart.getTime() + w.ms) });
        // A new window began: the old ones are never read again.
        if (row!.count === 1) await tx.delete(apiQuotaUsage).where(and(eq(apiQuotaUsage.key, key), lt(apiQuotaUsage.windowStart, sql`now() - interval '2 days'`)));
      }
      return { ok: true } as const;
    });
  } catch (e) {
    if (e instanceof QuotaFull) return e.check;
    throw e;
  }
}

/** The provider answered 429: no more calls on this key until the current window(s) end. */
export async function markExhausted(db: Db, keyId: string, window: "minute" | "day"): Promise<void> {
  const w = WINDOWS.find((x) => x.name === window)!;
  await db
    .insert(apiQuotaUsage)
    .values({ key: `${keyId}:${w.name}`, windowStart: windowStart(w.trunc), count: 0, exhausted: true })
    .onConflictDoUpdate({ target: [apiQuotaUsage.key, apiQuotaUsage.windowStart], set: { exhausted: true } });
}
