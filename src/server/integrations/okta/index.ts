// Okta as an identity integration (Management API with an SSWS API token).
import { defineIntegration } from "../define";
import { oktaActions } from "./actions";
import { OktaClient, oktaUserSchema } from "./client";
import { oktaConfigSchema, oktaSecretSchema } from "./schema";

export default defineIntegration({
  id: "okta",
  title: "Okta",
  category: "identity",
  description: "Suspend and unsuspend users, clear their sessions, reset their MFA factors and manage group membership in Okta.",
  config: oktaConfigSchema,
  secret: oktaSecretSchema,
  connect: ({ config, secret }, ctx) => new OktaClient(config, secret, ctx),
  test: async (client) => {
    const me = await client.call({ method: "GET", path: "/api/v1/users/me" }, "token owner", oktaUserSchema);
    return `Authenticated to ${client.config.orgUrl} as ${me.profile.login}`;
  },
  identityFacts: async (client, user) => {
    const u = await client.getUser(user);
    const groups = await client.groupsOf(u.id);
    return { aliases: [u.id, u.profile.login, u.profile.email].filter((a): a is string => !!a), groups: groups.flatMap((g) => [g.id, g.profile.name]) };
  },
  actions: oktaActions,
});
