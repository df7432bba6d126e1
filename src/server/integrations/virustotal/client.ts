// VirusTotal API v3 reports for IP addresses, domains, URLs and file hashes.
// Docs: https://docs.virustotal.com/reference/overview (header x-apikey),
//       /reference/ip-info, /reference/domain-info, /reference/url-info (id = unpadded base64url of
//       the URL), /reference/file-info, and /reference/errors ({error:{code,message}}).
import type { ObservableType } from "../../db/schema/enums";
import type { EnrichmentProvider, EnrichmentResult, Verdict } from "../../enrichment/verdict";
import { HttpError, type HttpClient } from "../http/client";
import { providerError } from "../../enrichment/provider-error";

interface Stats {
  harmless: number;
  malicious: number;
  suspicious: number;
  undetected: number;
}

const PATHS: Partial<Record<ObservableType, { path: string; gui: string }>> = {
  ip: { path: "ip_addresses", gui: "ip-address" },
  domain: { path: "domains", gui: "domain" },
  url: { path: "urls", gui: "url" },
  md5: { path: "files", gui: "file" },
  sha1: { path: "files", gui: "file" },
  sha256: { path: "files", gui: "file" },
};

export function virusTotalVerdict(s: Stats): Verdict {
  if (s.malicious >= 3) return "malicious";
  if (s.malicious > 0 || s.suspicious > 0) return "suspicious";
  if (s.harmless > 0) return "benign";
  return "unknown";
}

export function virusTotalId(type: ObservableType, value: string): string {
  return type === "url" ? Buffer.from(value).toString("base64url") : value;
}

export class VirusTotalClient implements EnrichmentProvider {
  constructor(private readonly http: HttpClient) {}

  supports(type: ObservableType): boolean {
    return type in PATHS;
  }

  async lookup(type: ObservableType, value: string): Promise<EnrichmentResult> {
    const where = PATHS[type];
    if (!where) throw new Error(`VirusTotal cannot look up ${type} observables`);
    const id = virusTotalId(type, value);
    const link = `https://www.virustotal.com/gui/${where.gui}/${encodeURIComponent(id)}`;
    let attributes: { last_analysis_stats?: Stats; reputation?: number; last_analysis_date?: number };
    try {
      attributes = ((await this.http.get(`/api/v3/${where.path}/${encodeURIComponent(id)}`)).body as { data: { attributes: typeof attributes } }).data.attributes;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return { verdict: "unknown", score: null, summary: "Not in VirusTotal", link: null, details: {} };
      throw providerError("VirusTotal", e, (b) => (b as { error?: { code: string; message: string } })?.error?.message ?? "");
    }
    const stats = attributes.last_analysis_stats ?? { harmless: 0, malicious: 0, suspicious: 0, undetected: 0 };
    const engines = stats.harmless + stats.malicious + stats.suspicious + stats.undetected;
    return {
      verdict: virusTotalVerdict(stats),
      score: stats.malicious,
      summary: `${stats.malicious}/${engines} engines flag it malicious, ${stats.suspicious} suspicious; reputation ${attributes.reputation ?? 0}`,
      link,
      details: { stats, reputation: attributes.reputation ?? null, lastAnalysisDate: attributes.last_analysis_date ? new Date(attributes.last_analysis_date * 1000).toISOString() : null },
    };
  }
}
