// The settings every enrichment connection has: where the API is, how long answers stay fresh,
// and the plan's quota for this API key.
import { z } from "zod";
import { allowPrivateNetworkSchema } from "../integrations/config";
import { durationMs } from "../integrations/duration";
import type { QuotaLimits } from "./quota";

export function enrichmentConfig(defaults: { apiBase: string; perMinute: number; perDay: number; ttl?: string }) {
  return z.object({
    apiBase: z.string().url().default(defaults.apiBase).meta({ title: "API base URL", description: `(Default: ${defaults.apiBase})` }),
    ttl: z
      .string()
      .regex(/^\d+[smhd]$/, 'a duration like "12h" or "7d"')
      .default(defaults.ttl ?? "24h")
      .meta({ title: "Cache results for", description: `How long an answer is reused before asking again. (Default: ${defaults.ttl ?? "24h"})` }),
    perMinute: z.number().int().min(1).max(100_000).default(defaults.perMinute).meta({ title: "Lookups per minute", description: `This API key's per-minute quota. (Default: ${defaults.perMinute})` }),
    perDay: z.number().int().min(1).max(10_000_000).default(defaults.perDay).meta({ title: "Lookups per day", description: `This API key's daily quota. (Default: ${defaults.perDay})` }),
    allowPrivateNetwork: allowPrivateNetworkSchema,
  });
}
export type EnrichmentConfig = z.output<ReturnType<typeof enrichmentConfig>>;

export const apiKeySecret = z.object({ apiKey: z.string().min(1).meta({ title: "API key" }) });

export const ttlMsOf = (c: EnrichmentConfig) => durationMs(c.ttl);
export const limitsOf = (c: EnrichmentConfig): QuotaLimits => ({ perMinute: c.perMinute, perDay: c.perDay });
