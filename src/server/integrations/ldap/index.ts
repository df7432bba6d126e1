// Active Directory / OpenLDAP as an identity integration (ldapts; LDAPS or StartTLS).
import { defineIntegration, type IdentityFacts } from "../define";
import { ldapActions } from "./actions";
import { LdapClient } from "./client";
import { ldapConfigSchema, ldapSecretSchema } from "./schema";

export default defineIntegration({
  id: "ldap",
  title: "Active Directory / LDAP",
  category: "identity",
  description: "Disable and enable accounts, force password changes and manage group membership in Active Directory or OpenLDAP.",
  config: ldapConfigSchema,
  secret: ldapSecretSchema,
  connect: ({ config, secret }) => LdapClient.connect(config, secret),
  close: (client) => client.close(),
  test: async (client) => {
    const base = await client.readBase();
    if (!base) throw new Error(`bound as ${client.config.bindDn}, but the base DN ${client.config.baseDn} does not exist`);
    const transport = client.config.url.toLowerCase().startsWith("ldaps:") ? "LDAPS" : client.config.startTls ? "StartTLS" : "plain LDAP";
    return `Bound as ${client.config.bindDn} over ${transport}; base DN ${client.config.baseDn} found`;
  },
  identityFacts: async (client, user): Promise<IdentityFacts> => {
    const u = await client.findUser(user);
    const groups = await client.groupsOf(u.dn, { nested: true });
    const aliases = [u.dn, u.username, u.email, u.userPrincipalName].filter((a): a is string => !!a);
    return { aliases, groups: [...u.memberOf, ...groups.flatMap((g) => [g.dn, g.name])] };
  },
  actions: ldapActions,
});
