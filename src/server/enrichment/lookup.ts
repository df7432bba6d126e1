// Looking up an observable by type and value (the playbook and API entry point): makes sure the
// observable exists (the cache is keyed by it), enriches it, and returns plain JSON.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import type { Json } from "../engine/define-playbook";
import { observables } from "../db/schema";
import { OBSERVABLE_TYPES } from "../db/schema/enums";
import type { Logger } from "../logger";
import { enrichObservable, type EnrichmentOutcome, type EnrichmentSource, type ObservableRef } from "./enrich";
import { worstVerdict, type Verdict } from "./verdict";

export const lookupInput = z.object({
  type: z.enum(OBSERVABLE_TYPES),
  value: z.string().trim().min(1).max(2048),
  /** Ask again even when a fresh answer is cached. (Default: false) */
  force: z.boolean().optional(),
});
export type LookupInput = z.input<typeof lookupInput>;

/** An outcome as JSON (dates as ISO strings), for step outputs and API responses. */
export type EnrichmentOutcomeJson = {
  provider: string;
  connection: string;
  status: EnrichmentOutcome["status"];
  verdict: Verdict | null;
  score: number | null;
  summary: string | null;
  link: string | null;
  details: { [key: string]: Json };
  fetchedAt: string | null;
  error: string | null;
  retryAt: string | null;
};

// Types, not interfaces: step outputs must be assignable to Json.
export type LookupResult = {
  observable: { id: string; type: string; value: string };
  verdict: Verdict | null;
  results: EnrichmentOutcomeJson[];
};

export function outcomeJson(o: EnrichmentOutcome): EnrichmentOutcomeJson {
  const r = o.result;
  return {
    provider: o.provider,
    connection: o.connection,
    status: o.status,
    verdict: r?.verdict ?? null,
    score: r?.score ?? null,
    summary: r?.summary ?? null,
    link: r?.link ?? null,
    details: (JSON.parse(JSON.stringify(r?.details ?? {})) as EnrichmentOutcomeJson["details"]),
    fetchedAt: r?.fetchedAt.toISOString() ?? null,
    error: o.error,
    retryAt: o.retryAt,
  };
}

/** The observable row for (type, value), created when new. */
export async function ensureObservable(db: Db, type: ObservableRef["type"], value: string): Promise<ObservableRef> {
  const [row] = await db
    .insert(observables)
    .values({ type, value })
    .onConflictDoUpdate({ target: [observables.type, observables.value], set: { lastSeen: sql`${observables.lastSeen}` } })
    .returning({ id: observables.id, type: observables.type, value: observables.value });
  return row!;
}

export async function lookupObservable(db: Db, raw: LookupInput, sources: EnrichmentSource[], log: Logger): Promise<LookupResult> {
  const input = lookupInput.parse(raw);
  const observable = await ensureObservable(db, input.type, input.value);
  const outcomes = await enrichObservable(db, observable, sources, { force: input.force, log });
  const results = outcomes.map(outcomeJson);
  return { observable, verdict: worstVerdict(results.flatMap((r) => (r.verdict ? [r.verdict] : []))), results };
}
