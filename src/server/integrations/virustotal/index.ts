// VirusTotal as a Vigil enrichment integration (IPs, domains, URLs, file hashes), through the
// enrichment cache and the key's quota. Defaults fit the public API (4/min, 500/day).
import { defineIntegration } from "../define";
import { apiKeySecret, enrichmentConfig } from "../../enrichment/config";
import { createHttpClient } from "../http/client";
import { VirusTotalClient } from "./client";

export default defineIntegration({
  id: "virustotal",
  title: "VirusTotal",
  category: "enrichment",
  description: "Engine detections and reputation for IPs, domains, URLs and file hashes.",
  config: enrichmentConfig({ apiBase: "https://www.virustotal.com", perMinute: 4, perDay: 500 }),
  secret: apiKeySecret,
  connect: ({ config, secret }, ctx) => new VirusTotalClient(createHttpClient({ baseUrl: config.apiBase, allowPrivateNetwork: config.allowPrivateNetwork, signal: ctx.signal, retries: 1, headers: { "x-apikey": secret.apiKey } })),
  test: async (client) => `key accepted; example.com: ${(await client.lookup("domain", "example.com")).summary}`,
  actions: {},
});
