// Fakes of the three enrichment services, each with its documented request, response and error
// shapes, a per-key quota that answers 429 the documented way once used up, and a request log
// (tests assert that cached lookups do not call out again).
// - AbuseIPDB APIv2 CHECK: https://docs.abuseipdb.com/#check-endpoint  (GET /api/v2/check?ipAddress=&maxAgeInDays=,
//   header Key; {data:{...abuseConfidenceScore...}}; errors {errors:[{detail,status}]}; 429 with Retry-After)
// - VirusTotal API v3: https://docs.virustotal.com/reference/overview and /reference/errors
//   (header x-apikey; /api/v3/ip_addresses/{ip}, /domains/{d}, /urls/{base64url id}, /files/{hash};
//   {data:{id,type,attributes:{last_analysis_stats,reputation}}}; errors {error:{code,message}})
// - GreyNoise Community API: https://docs.greynoise.io/reference/getcommunityip
//   (GET /v3/community/{ip}, header key; {ip,noise,riot,classification,name,link,last_seen,message}; 404 not observed)
import { json, startFakeServer, type FakeRequest, type FakeServer } from "./http-fake";

export interface EnrichmentFake extends FakeServer {
  key: string;
  /** Requests that reached the lookup (not refused by auth or quota). */
  lookups(): number;
}

function quota(limit: number) {
  let used = 0;
  return { take: () => (used < limit ? (used++, true) : false), used: () => used };
}

export async function startAbuseIpdbFake(options: { key?: string; dailyLimit?: number; scores?: Record<string, number> } = {}): Promise<EnrichmentFake> {
  const key = options.key ?? "fake-abuseipdb-key";
  const q = quota(options.dailyLimit ?? 1000);
  const check = (req: FakeRequest) => {
    const ip = req.query.get("ipAddress") ?? "";
    if (!/^[0-9a-f:.]+$/i.test(ip))
      return json(422, { errors: [{ detail: "The ip address must be a valid IPv4 or IPv6 address (e.g. 8.8.8.8 or 2001:4860:4860::8888).", status: 422, source: { parameter: "ipAddress" } }] });
    if (!q.take())
      return json(429, { errors: [{ detail: "Daily rate limit of 1000 requests exceeded for this endpoint. See headers for additional details.", status: 429 }] }, { "Retry-After": "3600", "X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "0" });
    const score = options.scores?.[ip] ?? 0;
    return json(200, {
      data: { ipAddress: ip, isPublic: true, ipVersion: ip.includes(":") ? 6 : 4, isWhitelisted: false, abuseConfidenceScore: score, countryCode: "NL", usageType: "Data Center/Web Hosting/Transit", isp: "Example Hosting", domain: "example.net", hostnames: [], isTor: false, totalReports: score > 0 ? 42 : 0, numDistinctUsers: score > 0 ? 7 : 0, lastReportedAt: score > 0 ? "2026-11-22T10:00:00+00:00" : null },
    });
  };
  const server = await startFakeServer({
    routes: [["GET", "/api/v2/check", check]],
    authorize: (req) =>
      req.headers.key === key ? null : json(401, { errors: [{ detail: "Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key.", status: 401 }] }),
    notFound: () => json(404, { errors: [{ detail: "Not found.", status: 404 }] }),
  });
  return { ...server, key, lookups: q.used };
}

export async function startVirusTotalFake(options: { key?: string; limit?: number; malicious?: Record<string, number> } = {}): Promise<EnrichmentFake> {
  const key = options.key ?? "fake-virustotal-key";
  const q = quota(options.limit ?? 500);
  const kinds: Record<string, string> = { ip_addresses: "ip_address", domains: "domain", urls: "url", files: "file" };
  const notFound = (req: FakeRequest) => json(404, { error: { code: "NotFoundError", message: `Resource not found: ${req.path}` } });
  const lookup = (req: FakeRequest) => {
    const kind = req.params.kind ?? "";
    if (!(kind in kinds)) return notFound(req);
    if (!q.take()) return json(429, { error: { code: "QuotaExceededError", message: "Quota exceeded" } });
    const id = req.params.id ?? "";
    if (id === "unknown.example" || id === "0000000000000000000000000000000000000000000000000000000000000000")
      return json(404, { error: { code: "NotFoundError", message: `${kinds[kind]} "${id}" not found` } });
    const malicious = options.malicious?.[id] ?? 0;
    return json(200, {
      data: {
        id,
        type: kinds[kind],
        links: { self: `https://www.virustotal.com/api/v3/${kind}/${encodeURIComponent(id)}` },
        attributes: { last_analysis_stats: { harmless: 60 - malicious, malicious, suspicious: 0, undetected: 10, timeout: 0 }, reputation: malicious > 0 ? -20 : 0, last_analysis_date: 1795400000 },
      },
    });
  };
  const server = await startFakeServer({
    routes: [["GET", "/api/v3/:kind/:id", lookup]],
    authorize: (req) => (req.headers["x-apikey"] === key ? null : json(401, { error: { code: "WrongCredentialsError", message: "Wrong API key" } })),
    notFound,
  });
  return { ...server, key, lookups: q.used };
}

export async function startGreyNoiseFake(options: { key?: string; limit?: number; noisy?: Record<string, "malicious" | "benign" | "unknown"> } = {}): Promise<EnrichmentFake> {
  const key = options.key ?? "fake-greynoise-key";
  const q = quota(options.limit ?? 100);
  const community = (req: FakeRequest) => {
    if (!q.take()) return json(429, { plan: "community", "rate-limit": "100-lookups/day", plan_url: "https://greynoise.io/pricing", message: "You have hit your daily rate limit of 100 requests per day." });
    const ip = req.params.ip ?? "";
    const classification = options.noisy?.[ip];
    if (!classification) return json(404, { ip, noise: false, riot: false, message: "IP not observed scanning the internet or contained in RIOT data set." });
    return json(200, { ip, noise: true, riot: false, classification, name: "unknown", link: `https://viz.greynoise.io/ip/${ip}`, last_seen: "2026-11-22", message: "Success" });
  };
  const server = await startFakeServer({
    routes: [["GET", "/v3/community/:ip", community]],
    authorize: (req) => (req.headers.key === key ? null : json(401, { message: "Authentication required" })),
    notFound: () => json(404, { message: "Not found" }),
  });
  return { ...server, key, lookups: q.used };
}
