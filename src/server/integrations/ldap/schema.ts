// Active Directory / OpenLDAP connection settings and credentials.
import { z } from "zod";
import { withIdentityConfig } from "../config";

export const ldapConfigSchema = withIdentityConfig(
  {
    url: z
      .string()
      .trim()
      .regex(/^ldaps?:\/\/[^/\s]+\/?$/i, "must be ldap://host[:port] or ldaps://host[:port]")
      .meta({ title: "Server URL", description: "ldaps://dc1.corp.example:636, or ldap://dc1.corp.example:389 with StartTLS." }),
    startTls: z.boolean().default(false).meta({ title: "Use StartTLS", description: "Upgrade an ldap:// connection to TLS before binding." }),
    caCert: z
      .string()
      .trim()
      .regex(/-----BEGIN CERTIFICATE-----/, "must be a PEM certificate")
      .optional()
      .or(z.literal("").transform(() => undefined))
      .meta({ title: "CA certificate (PEM)", format: "textarea", description: "The CA that signed the directory's certificate, for LDAPS and StartTLS. Empty: the system's trusted CAs." }),
    bindDn: z.string().trim().min(1).meta({ title: "Bind DN", description: "The service account Vigil binds as: cn=vigil,ou=service,dc=corp,dc=example (or vigil@corp.example on AD)." }),
    baseDn: z.string().trim().min(1).meta({ title: "Base DN", description: "Where users and groups are searched: dc=corp,dc=example." }),
    flavor: z
      .enum(["ad", "openldap"])
      .default("ad")
      .meta({ title: "Directory", description: "ad: userAccountControl and pwdLastSet. openldap: ppolicy pwdAccountLockedTime and pwdReset." }),
    lockAttribute: z
      .string()
      .trim()
      .optional()
      .meta({ title: "Lock attribute (OpenLDAP)", description: "Empty: the ppolicy lock (pwdAccountLockedTime). Else an attribute set to the lock value to disable an account, e.g. nsAccountLock." }),
    lockValue: z.string().trim().min(1).default("TRUE").meta({ title: "Lock value (OpenLDAP)", description: "The value written to the lock attribute." }),
    timeoutMs: z.number().int().min(500).max(120_000).default(10_000).meta({ title: "Timeout (ms)", description: "Per connect and per operation." }),
  },
  { protectedGroups: ["Domain Admins", "Enterprise Admins", "Schema Admins", "Administrators"] },
);
export type LdapConfig = z.output<typeof ldapConfigSchema>;

export const ldapSecretSchema = z.object({
  bindPassword: z.string().min(1, "the bind password is required").meta({ title: "Bind password" }),
});
export type LdapSecret = z.output<typeof ldapSecretSchema>;
