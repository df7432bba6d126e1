// The one shape every enrichment provider's answer is reduced to, so the case page, playbooks and
// the cache treat AbuseIPDB, VirusTotal and GreyNoise alike.
import { z } from "zod";
import type { ObservableType } from "../db/schema/enums";

export const VERDICTS = ["malicious", "suspicious", "benign", "unknown"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The most alarming verdict: VERDICTS is ordered malicious, suspicious, benign, unknown. */
export function worstVerdict(verdicts: Verdict[]): Verdict | null {
  return VERDICTS.find((v) => verdicts.includes(v)) ?? null;
}

export const enrichmentResultSchema = z.object({
  verdict: z.enum(VERDICTS),
  /** Provider's own score (AbuseIPDB confidence 0-100, VirusTotal malicious engines), or null. */
  score: z.number().nullable(),
  /** One line for people: "Abuse confidence 87% from 42 reports". */
  summary: z.string(),
  /** Where an analyst can read more. */
  link: z.string().nullable(),
  /** The provider's fields worth keeping (no credentials, bounded size). */
  details: z.record(z.string(), z.unknown()),
});
export type EnrichmentResult = z.infer<typeof enrichmentResultSchema>;

/** What an enrichment client offers. */
export interface EnrichmentProvider {
  supports(type: ObservableType): boolean;
  lookup(type: ObservableType, value: string): Promise<EnrichmentResult>;
}
