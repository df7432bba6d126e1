// AbuseIPDB, VirusTotal and GreyNoise transports against their fakes: each answer reduced to one
// verdict, "not found" is a result (unknown), and refused keys and used-up quotas are explained.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbuseIpdbClient } from "@/server/integrations/abuseipdb/client";
import { GreyNoiseClient } from "@/server/integrations/greynoise/client";
import { createHttpClient } from "@/server/integrations/http/client";
import { VirusTotalClient, virusTotalId } from "@/server/integrations/virustotal/client";
import { startAbuseIpdbFake, startGreyNoiseFake, startVirusTotalFake, type EnrichmentFake } from "../fakes/enrichment";

let abuse: EnrichmentFake;
let vt: EnrichmentFake;
let gn: EnrichmentFake;
const http = (url: string, headers: Record<string, string>) => createHttpClient({ baseUrl: url, allowPrivateNetwork: true, retries: 0, headers });

beforeAll(async () => {
  abuse = await startAbuseIpdbFake({ scores: { "198.51.100.23": 87 }, dailyLimit: 3 });
  vt = await startVirusTotalFake({ malicious: { "evil.example": 12, "198.51.100.23": 1 } });
  gn = await startGreyNoiseFake({ noisy: { "198.51.100.23": "malicious" } });
});
afterAll(async () => {
  await Promise.all([abuse?.stop(), vt?.stop(), gn?.stop()]);
});

describe("enrichment clients", () => {
  it("AbuseIPDB: confidence score to verdict, quota exhaustion explained", async () => {
    const client = new AbuseIpdbClient(http(abuse.url, { key: abuse.key }));
    expect(await client.lookup("ip", "198.51.100.23")).toMatchObject({ verdict: "malicious", score: 87, summary: "Abuse confidence 87% from 42 report(s) (NL, Example Hosting)" });
    expect(await client.lookup("ip", "198.51.100.24")).toMatchObject({ verdict: "unknown", score: 0 });
    await client.lookup("ip", "198.51.100.25");
    await expect(client.lookup("ip", "198.51.100.26")).rejects.toThrow(/AbuseIPDB rate limit reached: Daily rate limit of 1000 requests exceeded/);
    await expect(new AbuseIpdbClient(http(abuse.url, { key: "wrong" })).lookup("ip", "198.51.100.23")).rejects.toThrow(/AbuseIPDB refused the API key: Authentication failed/);
    expect(new URLSearchParams(abuse.requests[0]!.query).get("maxAgeInDays")).toBe("90");
  });

  it("VirusTotal: IPs, domains, URLs (base64url ids) and hashes; 404 is unknown", async () => {
    const client = new VirusTotalClient(http(vt.url, { "x-apikey": vt.key }));
    expect(await client.lookup("domain", "evil.example")).toMatchObject({ verdict: "malicious", score: 12, summary: "12/70 engines flag it malicious, 0 suspicious; reputation -20" });
    expect(await client.lookup("ip", "198.51.100.23")).toMatchObject({ verdict: "suspicious", score: 1 });
    const url = "http://evil.example/login?x=1";
    await client.lookup("url", url);
    expect(vt.requests.at(-1)!.path).toBe(`/api/v3/urls/${virusTotalId("url", url)}`);
    expect(virusTotalId("url", url)).not.toMatch(/[=+/]/);
    expect(await client.lookup("sha256", "0".repeat(64))).toMatchObject({ verdict: "unknown", summary: "Not in VirusTotal" });
    expect(client.supports("user")).toBe(false);
  });

  it("GreyNoise: classification to verdict; not observed is unknown", async () => {
    const client = new GreyNoiseClient(http(gn.url, { key: gn.key }));
    expect(await client.lookup("ip", "198.51.100.23")).toMatchObject({ verdict: "malicious", link: "https://viz.greynoise.io/ip/198.51.100.23" });
    expect(await client.lookup("ip", "198.51.100.99")).toMatchObject({ verdict: "unknown", summary: "Not observed scanning the internet (GreyNoise)" });
  });
});
