// AbuseIPDB APIv2 CHECK: community abuse reports for one IP address.
// Docs: https://docs.abuseipdb.com/#check-endpoint (GET /api/v2/check, header Key; errors
// {errors:[{detail,status}]}, 429 with Retry-After when the daily quota is used up).
import type { ObservableType } from "../../db/schema/enums";
import type { EnrichmentProvider, EnrichmentResult, Verdict } from "../../enrichment/verdict";
import type { HttpClient } from "../http/client";
import { providerError } from "../../enrichment/provider-error";

interface CheckData {
  ipAddress: string;
  abuseConfidenceScore: number;
  isWhitelisted: boolean | null;
  totalReports: number;
  numDistinctUsers?: number;
  countryCode: string | null;
  isp: string | null;
  usageType: string | null;
  domain: string | null;
  isTor?: boolean;
  lastReportedAt: string | null;
}

export function abuseIpdbVerdict(d: Pick<CheckData, "abuseConfidenceScore" | "isWhitelisted">): Verdict {
  if (d.isWhitelisted) return "benign";
  if (d.abuseConfidenceScore >= 75) return "malicious";
  if (d.abuseConfidenceScore >= 25) return "suspicious";
  return "unknown";
}


export class AbuseIpdbClient implements EnrichmentProvider {
  constructor(
    private readonly http: HttpClient,
    private readonly maxAgeInDays = 90,
  ) {}

  supports(type: ObservableType): boolean {
    return type === "ip";
  }

  async lookup(_type: ObservableType, ip: string): Promise<EnrichmentResult> {
    let data: CheckData;
    try {
      data = ((await this.http.get("/api/v2/check", { query: { ipAddress: ip, maxAgeInDays: this.maxAgeInDays } })).body as { data: CheckData }).data;
    } catch (e) {
      throw providerError("AbuseIPDB", e, (b) => ((b as { errors?: Array<{ detail: string }> })?.errors ?? []).map((x) => x.detail).join("; "));
    }
    const where = [data.countryCode, data.isp].filter(Boolean).join(", ");
    return {
      verdict: abuseIpdbVerdict(data),
      score: data.abuseConfidenceScore,
      summary: `Abuse confidence ${data.abuseConfidenceScore}% from ${data.totalReports} report(s)${where ? ` (${where})` : ""}${data.isTor ? ", Tor exit node" : ""}`,
      link: `https://www.abuseipdb.com/check/${encodeURIComponent(ip)}`,
      details: { totalReports: data.totalReports, distinctUsers: data.numDistinctUsers ?? null, countryCode: data.countryCode, isp: data.isp, usageType: data.usageType, domain: data.domain, isTor: data.isTor ?? false, lastReportedAt: data.lastReportedAt },
    };
  }
}
