// ctx.integrations.enrichment: what playbooks call to enrich an observable, e.g.
//   const intel = await ctx.step("enrich ip", () => ctx.integrations.enrichment.lookup({ type: "ip", value: ip }));
//   if (intel.verdict === "malicious") ...
// Every enabled enrichment connection that supports the type answers, from the cache while fresh
// and within each API key's quota. Call it inside ctx.step so a replay reuses the answer.
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { currentStep } from "../engine/step-scope";
import { IntegrationUsageError } from "../integrations/errors";
import { lookupObservable, type LookupInput, type LookupResult } from "./lookup";
import { loadEnrichmentSources } from "./sources";

export interface EnrichmentApi {
  /** Enriches one observable with every enrichment connection that supports its type. */
  lookup(params: LookupInput): Promise<LookupResult>;
}

export function enrichmentApi(deps: { db: Db; log: Logger }): EnrichmentApi {
  return {
    async lookup(params) {
      const scope = currentStep();
      if (!scope) throw new IntegrationUsageError("call ctx.integrations.enrichment.lookup inside ctx.step(name, fn), so its answer is journaled");
      const sources = await loadEnrichmentSources(deps.db, { signal: scope.signal, log: deps.log });
      return lookupObservable(deps.db, params, sources, deps.log);
    },
  };
}
