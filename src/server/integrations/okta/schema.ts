// Okta connection settings and credentials (an API token, sent as `Authorization: SSWS <token>`).
import { z } from "zod";
import { allowPrivateNetworkSchema, withIdentityConfig } from "../config";

export const oktaConfigSchema = withIdentityConfig({
  orgUrl: z
    .string()
    .trim()
    .url()
    .regex(/^https?:\/\//, "must be an http(s) URL")
    .meta({ title: "Org URL", description: "Your Okta org, e.g. https://acme.okta.com (not the -admin URL)." }),
  allowPrivateNetwork: allowPrivateNetworkSchema,
  timeoutMs: z.number().int().min(500).max(120_000).default(10_000).meta({ title: "Timeout (ms)", description: "Per request attempt; 429s and 5xx are retried." }),
});
export type OktaConfig = z.output<typeof oktaConfigSchema>;

export const oktaSecretSchema = z.object({
  apiToken: z.string().trim().min(10, "paste the whole API token").meta({ title: "API token", description: "Security > API > Tokens; created by a service account with a role that can manage users and groups." }),
});
export type OktaSecret = z.output<typeof oktaSecretSchema>;
