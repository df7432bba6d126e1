// LDAP transport (ldapts): LDAPS or StartTLS with a custom CA, bind as the service account, and
// the lookups the actions need. Filters are built with escapeFilter, so a user name can never
// change a filter's meaning. AD and OpenLDAP differ in attribute names; both are handled here.
import { Attribute, Change, Client, escapeFilter, InvalidCredentialsError, type Entry } from "ldapts";
import { IntegrationError, TargetNotFoundError } from "../errors";
import type { LdapConfig, LdapSecret } from "./schema";

export interface LdapUser {
  dn: string;
  username: string;
  email: string | null;
  displayName: string | null;
  userPrincipalName: string | null;
  /** AD: userAccountControl as a number; null elsewhere. */
  userAccountControl: number | null;
  /** OpenLDAP: pwdAccountLockedTime (ppolicy) or the configured lock attribute's value. */
  lockValue: string | null;
  pwdLastSet: string | null;
  pwdReset: boolean;
  memberOf: string[];
}

export interface LdapGroup {
  dn: string;
  name: string;
}

const USER_ATTRIBUTES = ["sAMAccountName", "userPrincipalName", "uid", "mail", "cn", "displayName", "userAccountControl", "pwdLastSet", "pwdReset", "pwdAccountLockedTime", "memberOf"];

export function first(entry: Entry, attribute: string): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key ? entry[key] : undefined;
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? null : one.toString();
}

export function all(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key ? entry[key] : undefined;
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.toString());
}

/** "uid=alice,ou=people,dc=x": a DN names the object itself. */
export const isDn = (value: string) => /^[a-z][\w-]*=[^,]+(,[a-z][\w-]*=[^,]+)*$/i.test(value.trim());

/** The first RDN's value: "cn=Domain Admins,cn=Users,..." -> "Domain Admins". */
export const rdnValue = (dn: string) => /^[^=]+=((?:\\,|[^,])+)/.exec(dn)?.[1]?.replace(/\\,/g, ",") ?? dn;

export class LdapClient {
  private constructor(
    private readonly client: Client,
    readonly config: LdapConfig,
  ) {}

  static async connect(config: LdapConfig, secret: LdapSecret): Promise<LdapClient> {
    const tls = () => (config.caCert ? { ca: [config.caCert] } : {});
    // ldapts opens a TLS socket whenever tlsOptions are given, so give them only for ldaps://.
    const ldaps = config.url.toLowerCase().startsWith("ldaps:");
    const client = new Client({ url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs, tlsOptions: ldaps ? tls() : undefined });
    try {
      if (config.startTls && !ldaps) await client.startTLS(tls());
      await client.bind(config.bindDn, secret.bindPassword);
    } catch (error) {
      await client.unbind().catch(() => undefined);
      if (error instanceof InvalidCredentialsError) throw new IntegrationError(`bind as ${config.bindDn} was refused: invalid credentials`, { code: "invalidCredentials" }, { cause: error });
      throw new IntegrationError(`cannot reach ${config.url}${config.startTls ? " (StartTLS)" : ""}: ${(error as Error).message}`, { code: (error as { code?: string }).code }, { cause: error });
    }
    return new LdapClient(client, config);
  }

  close(): Promise<void> {
    return this.client.unbind();
  }

  get isAd(): boolean {
    return this.config.flavor === "ad";
  }

  /** The base DN entry (the connection test's harmless read). */
  async readBase(): Promise<Entry | undefined> {
    const { searchEntries } = await this.client.search(this.config.baseDn, { scope: "base", filter: "(objectClass=*)", attributes: ["objectClass"] });
    return searchEntries[0];
  }

  /** A user by DN, sAMAccountName ("CORP\\alice" too), userPrincipalName, mail or uid. */
  async findUser(user: string): Promise<LdapUser> {
    const name = user.trim().replace(/^[^\\]+\\/, "");
    const lockAttribute = this.config.lockAttribute;
    const attributes = lockAttribute ? [...USER_ATTRIBUTES, lockAttribute] : USER_ATTRIBUTES;
    const byName = this.isAd
      ? escapeFilter`(&(objectCategory=person)(objectClass=user)(|(sAMAccountName=${name})(userPrincipalName=${name})(mail=${name})))`
      : escapeFilter`(&(objectClass=person)(|(uid=${name})(mail=${name})))`;
    const { searchEntries } = isDn(name)
      ? await this.search(name, "base", "(objectClass=person)", attributes)
      : await this.search(this.config.baseDn, "sub", byName, attributes);
    if (searchEntries.length === 0) throw new TargetNotFoundError(`user "${user}" not found under ${this.config.baseDn}`);
    if (searchEntries.length > 1) throw new IntegrationError(`"${user}" matches ${searchEntries.length} users (${searchEntries.map((e) => e.dn).join("; ")}); use the DN`);
    return this.toUser(searchEntries[0]!);
  }

  private toUser(entry: Entry): LdapUser {
    const uac = first(entry, "userAccountControl");
    const lockAttribute = this.config.lockAttribute;
    return {
      dn: entry.dn,
      username: first(entry, this.isAd ? "sAMAccountName" : "uid") ?? rdnValue(entry.dn),
      email: first(entry, "mail"),
      displayName: first(entry, "displayName") ?? first(entry, "cn"),
      userPrincipalName: first(entry, "userPrincipalName"),
      userAccountControl: uac === null ? null : Number(uac),
      lockValue: first(entry, lockAttribute ?? "pwdAccountLockedTime"),
      pwdLastSet: first(entry, "pwdLastSet"),
      pwdReset: first(entry, "pwdReset")?.toUpperCase() === "TRUE",
      memberOf: all(entry, "memberOf"),
    };
  }

  /** A group by DN or name (cn; sAMAccountName on AD). */
  async findGroup(group: string): Promise<LdapGroup> {
    const filter = this.isAd
      ? escapeFilter`(&(objectClass=group)(|(cn=${group})(sAMAccountName=${group})))`
      : escapeFilter`(&(|(objectClass=groupOfNames)(objectClass=group))(cn=${group}))`;
    const { searchEntries } = isDn(group) ? await this.search(group, "base", "(objectClass=*)", ["cn"]) : await this.search(this.config.baseDn, "sub", filter, ["cn"]);
    if (searchEntries.length === 0) throw new TargetNotFoundError(`group "${group}" not found under ${this.config.baseDn}`);
    if (searchEntries.length > 1) throw new IntegrationError(`"${group}" matches ${searchEntries.length} groups; use the DN`);
    const entry = searchEntries[0]!;
    return { dn: entry.dn, name: first(entry, "cn") ?? rdnValue(entry.dn) };
  }

  /** Groups the DN is a member of; on AD including nested groups (LDAP_MATCHING_RULE_IN_CHAIN). */
  async groupsOf(dn: string, options: { nested?: boolean } = {}): Promise<LdapGroup[]> {
    const filter = this.isAd && options.nested ? escapeFilter`(member:1.2.840.113556.1.4.1941:=${dn})` : escapeFilter`(member=${dn})`;
    const { searchEntries } = await this.search(this.config.baseDn, "sub", filter, ["cn"]);
    return searchEntries.map((e) => ({ dn: e.dn, name: first(e, "cn") ?? rdnValue(e.dn) }));
  }

  async isMember(groupDn: string, userDn: string): Promise<boolean> {
    const { searchEntries } = await this.search(groupDn, "base", escapeFilter`(member=${userDn})`, ["cn"]);
    return searchEntries.length > 0;
  }

  async replace(dn: string, attribute: string, value: string): Promise<void> {
    await this.client.modify(dn, new Change({ operation: "replace", modification: new Attribute({ type: attribute, values: [value] }) }));
  }

  async deleteAttribute(dn: string, attribute: string): Promise<void> {
    await this.client.modify(dn, new Change({ operation: "delete", modification: new Attribute({ type: attribute }) }));
  }

  async changeMember(groupDn: string, userDn: string, operation: "add" | "delete"): Promise<void> {
    await this.client.modify(groupDn, new Change({ operation, modification: new Attribute({ type: "member", values: [userDn] }) }));
  }

  private search(base: string, scope: "base" | "sub", filter: string, attributes: string[]) {
    return this.client.search(base, { scope, filter, attributes, sizeLimit: 50 }).catch((error: unknown) => {
      if ((error as { code?: number }).code === 32) return { searchEntries: [] as Entry[], searchReferences: [] }; // noSuchObject
      throw error;
    });
  }
}
