// Microsoft Entra ID connection settings and credentials (an app registration's client secret,
// used with the OAuth2 client-credentials grant for Microsoft Graph application permissions).
import { z } from "zod";
import { allowPrivateNetworkSchema, withIdentityConfig } from "../config";

export const entraConfigSchema = withIdentityConfig({
  tenantId: z.string().trim().min(1).meta({ title: "Tenant ID", description: "Directory (tenant) id or primary domain, e.g. contoso.onmicrosoft.com." }),
  clientId: z.string().trim().min(1).meta({ title: "Client ID", description: "Application (client) id of the app registration. It needs User.ReadWrite.All, GroupMember.ReadWrite.All and IdentityRiskyUser.ReadWrite.All (application)." }),
  authorityUrl: z.string().trim().url().default("https://login.microsoftonline.com").meta({ title: "Authority URL", description: "Token endpoint host; change only for national clouds." }),
  graphUrl: z.string().trim().url().default("https://graph.microsoft.com").meta({ title: "Graph URL", description: "Microsoft Graph host; change only for national clouds." }),
  allowPrivateNetwork: allowPrivateNetworkSchema,
  timeoutMs: z.number().int().min(500).max(120_000).default(10_000).meta({ title: "Timeout (ms)", description: "Per request attempt; 429s and 5xx are retried honouring Retry-After." }),
});
export type EntraConfig = z.output<typeof entraConfigSchema>;

export const entraSecretSchema = z.object({
  clientSecret: z.string().trim().min(1, "the client secret is required").meta({ title: "Client secret", description: "Certificates & secrets > Client secrets: the secret's value (not its id)." }),
});
export type EntraSecret = z.output<typeof entraSecretSchema>;
