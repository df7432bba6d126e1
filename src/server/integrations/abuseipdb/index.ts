// AbuseIPDB as a Vigil enrichment integration. Lookups go through the enrichment cache and the
// key's quota (ctx.integrations.enrichment, the case page), never straight from a playbook.
import { defineIntegration } from "../define";
import { apiKeySecret, enrichmentConfig } from "../../enrichment/config";
import { createHttpClient } from "../http/client";
import { AbuseIpdbClient } from "./client";

export default defineIntegration({
  id: "abuseipdb",
  title: "AbuseIPDB",
  category: "enrichment",
  description: "Abuse confidence score and report count for IP addresses.",
  config: enrichmentConfig({ apiBase: "https://api.abuseipdb.com", perMinute: 60, perDay: 1000 }),
  secret: apiKeySecret,
  connect: ({ config, secret }, ctx) => new AbuseIpdbClient(createHttpClient({ baseUrl: config.apiBase, allowPrivateNetwork: config.allowPrivateNetwork, signal: ctx.signal, retries: 1, headers: { Key: secret.apiKey } })),
  test: async (client) => `key accepted; 127.0.0.1 scores ${(await client.lookup("ip", "127.0.0.1")).score ?? 0}`,
  actions: {},
});
