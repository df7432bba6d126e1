// Active Directory account flags, which the slapd test cannot exercise: ACCOUNTDISABLE (0x2) is
// set or cleared without touching the other userAccountControl flags.
import { describe, expect, it } from "vitest";
import { isDisabled, withAccountDisabled } from "@/server/integrations/ldap/actions";
import { isDn, rdnValue, type LdapUser } from "@/server/integrations/ldap/client";

const user = (uac: number | null, lockValue: string | null = null): LdapUser => ({ dn: "cn=a", username: "a", email: null, displayName: null, userPrincipalName: null, userAccountControl: uac, lockValue, pwdLastSet: null, pwdReset: false, memberOf: [] });
const ad = { isAd: true, config: { lockAttribute: undefined, lockValue: "TRUE" } } as never;
const openldap = { isAd: false, config: { lockAttribute: undefined, lockValue: "TRUE" } } as never;

describe("AD userAccountControl", () => {
  it("sets and clears ACCOUNTDISABLE, keeping NORMAL_ACCOUNT and DONT_EXPIRE_PASSWORD", () => {
    expect(withAccountDisabled(0x10200, true)).toBe(0x10202);
    expect(withAccountDisabled(0x10202, false)).toBe(0x10200);
    expect(withAccountDisabled(null, true)).toBe(0x202);
  });
  it("reads the disabled bit", () => {
    expect(isDisabled(ad, user(514))).toBe(true);
    expect(isDisabled(ad, user(512))).toBe(false);
  });
  it("reads the ppolicy lock on OpenLDAP", () => {
    expect(isDisabled(openldap, user(null, "000001010000Z"))).toBe(true);
    expect(isDisabled(openldap, user(null))).toBe(false);
  });
});

describe("DNs", () => {
  it("tells DNs from names and reads the first RDN", () => {
    expect(isDn("CN=Domain Admins,CN=Users,DC=corp,DC=example")).toBe(true);
    expect(isDn("alice@corp.example")).toBe(false);
    expect(isDn("CORP\\alice")).toBe(false);
    expect(rdnValue("CN=Doe\\, John,OU=People,DC=corp")).toBe("Doe, John");
  });
});
