// GreyNoise Community API: is this IP internet background noise (a mass scanner), a known benign
// service (RIOT), or not seen at all?
// Docs: https://docs.greynoise.io/reference/getcommunityip (GET /v3/community/{ip}, header key;
// 404 with a body when the IP was not observed; 429 when the daily lookups are used up).
import type { ObservableType } from "../../db/schema/enums";
import type { EnrichmentProvider, EnrichmentResult, Verdict } from "../../enrichment/verdict";
import { HttpError, type HttpClient } from "../http/client";
import { providerError } from "../../enrichment/provider-error";

interface Community {
  ip: string;
  noise: boolean;
  riot: boolean;
  classification?: "malicious" | "benign" | "unknown";
  name?: string;
  link?: string;
  last_seen?: string;
  message?: string;
}

export function greyNoiseVerdict(c: Pick<Community, "classification" | "riot">): Verdict {
  if (c.classification === "malicious") return "malicious";
  if (c.classification === "benign" || c.riot) return "benign";
  return "unknown";
}

export class GreyNoiseClient implements EnrichmentProvider {
  constructor(private readonly http: HttpClient) {}

  supports(type: ObservableType): boolean {
    return type === "ip";
  }

  async lookup(_type: ObservableType, ip: string): Promise<EnrichmentResult> {
    let c: Community;
    try {
      c = (await this.http.get(`/v3/community/${encodeURIComponent(ip)}`)).body as Community;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return { verdict: "unknown", score: null, summary: "Not observed scanning the internet (GreyNoise)", link: null, details: { noise: false, riot: false } };
      throw providerError("GreyNoise", e, (b) => (b as { message?: string })?.message ?? "");
    }
    const what = c.riot ? `known service${c.name ? ` (${c.name})` : ""}` : c.noise ? `internet scanner classified ${c.classification ?? "unknown"}` : "not observed";
    return {
      verdict: greyNoiseVerdict(c),
      score: null,
      summary: `GreyNoise: ${what}${c.last_seen ? `, last seen ${c.last_seen}` : ""}`,
      link: c.link ?? `https://viz.greynoise.io/ip/${encodeURIComponent(ip)}`,
      details: { noise: c.noise, riot: c.riot, classification: c.classification ?? null, name: c.name ?? null, lastSeen: c.last_seen ?? null },
    };
  }
}
