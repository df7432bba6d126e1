// The enrichment sources Vigil can use right now: every enabled connection of an enrichment
// integration, opened (credentials unsealed) and connected, with its TTL and quota.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { connections } from "../db/schema";
import type { ActionContext } from "../integrations/define";
import { openConnectionRow } from "../integrations/open-connection";
import { getIntegration } from "../integrations/registry";
import { enrichmentConfig, limitsOf, ttlMsOf } from "./config";
import type { EnrichmentSource } from "./enrich";
import type { EnrichmentProvider } from "./verdict";

const anyEnrichmentConfig = enrichmentConfig({ apiBase: "https://invalid.example", perMinute: 1, perDay: 1 });

export async function loadEnrichmentSources(db: DbOrTx, ctx: ActionContext): Promise<EnrichmentSource[]> {
  const rows = await db.select().from(connections).where(eq(connections.enabled, true)).orderBy(connections.name);
  const sources: EnrichmentSource[] = [];
  for (const row of rows) {
    if (getIntegration(row.integration)?.category !== "enrichment") continue;
    try {
      const connection = openConnectionRow(row);
      const config = anyEnrichmentConfig.parse(connection.config);
      const client = (await connection.integration.connect({ name: connection.name, config: connection.config, secret: connection.secret }, ctx)) as EnrichmentProvider;
      sources.push({ connectionId: row.id, connectionName: row.name, provider: row.integration, ttlMs: ttlMsOf(config), limits: limitsOf(config), client });
    } catch (e) {
      ctx.log.warn({ connection: row.name, err: (e as Error).message }, "enrichment connection skipped");
    }
  }
  return sources;
}
