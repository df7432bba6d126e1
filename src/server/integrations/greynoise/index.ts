// GreyNoise (Community API) as a Vigil enrichment integration, through the enrichment cache and
// the key's quota: is an IP a mass scanner, a known benign service, or unseen?
import { defineIntegration } from "../define";
import { apiKeySecret, enrichmentConfig } from "../../enrichment/config";
import { createHttpClient } from "../http/client";
import { GreyNoiseClient } from "./client";

export default defineIntegration({
  id: "greynoise",
  title: "GreyNoise",
  category: "enrichment",
  description: "Whether an IP is internet background noise (a scanner), a known benign service, or not seen.",
  config: enrichmentConfig({ apiBase: "https://api.greynoise.io", perMinute: 10, perDay: 50 }),
  secret: apiKeySecret,
  connect: ({ config, secret }, ctx) => new GreyNoiseClient(createHttpClient({ baseUrl: config.apiBase, allowPrivateNetwork: config.allowPrivateNetwork, signal: ctx.signal, retries: 1, headers: { key: secret.apiKey } })),
  test: async (client) => `key accepted; 8.8.8.8: ${(await client.lookup("ip", "8.8.8.8")).summary}`,
  actions: {},
});
