// Microsoft Entra ID as an identity integration (Microsoft Graph, client-credentials OAuth2).
import { z } from "zod";
import { defineIntegration } from "../define";
import { entraActions } from "./actions";
import { GraphClient, graphObjectSchema } from "./client";
import { entraConfigSchema, entraSecretSchema } from "./schema";

export default defineIntegration({
  id: "entra",
  title: "Microsoft Entra ID",
  category: "identity",
  description: "Block sign-in, revoke sessions, manage group membership and confirm users compromised in Microsoft Entra ID through Microsoft Graph.",
  config: entraConfigSchema,
  secret: entraSecretSchema,
  connect: ({ config, secret }, ctx) => new GraphClient(config, secret, ctx),
  test: async (client) => {
    await client.token();
    const users = await client.call({ method: "GET", path: "users", query: { $top: 1, $select: "id" } }, "users", z.object({ value: z.array(graphObjectSchema) }));
    return `Got a token for tenant ${client.config.tenantId} and read users through Microsoft Graph (${users.value.length ? "users found" : "no users"})`;
  },
  identityFacts: async (client, user) => {
    const u = await client.getUser(user);
    const groups = await client.groupsOf(u.id, { transitive: true });
    return { aliases: [u.id, u.userPrincipalName, u.mail].filter((a): a is string => !!a), groups: groups.flatMap((g) => [g.id, g.displayName ?? ""]).filter(Boolean) };
  },
  actions: entraActions,
});
