// Protected-entity matching: exact names (any alias), glob patterns, protected groups by name or DN.
import { describe, expect, it } from "vitest";
import { guardrailDefaults } from "@/server/integrations/config";
import { globToRegExp, protectionReason } from "@/server/integrations/guardrails";

const g = guardrailDefaults({ protectedUsers: ["BreakGlass"], protectedPatterns: ["svc-*", "adm?n"], protectedGroups: ["Domain Admins", "cn=Tier0,ou=groups,dc=corp"] });

describe("protectionReason", () => {
  it("matches protected accounts case-insensitively on any alias", () => {
    expect(protectionReason(g, ["bg@corp.example", "breakglass"], [])).toBe('"BreakGlass" is a protected account');
  });
  it("matches glob patterns", () => {
    expect(protectionReason(g, ["SVC-Backup"], [])).toBe('"SVC-Backup" matches the protected pattern "svc-*"');
    expect(protectionReason(g, ["admin"], [])).toMatch(/adm\?n/);
    expect(protectionReason(g, ["administrator"], [])).toBeNull();
  });
  it("matches protected groups by name or DN, either way round", () => {
    expect(protectionReason(g, ["carol"], ["CN=Domain Admins,CN=Users,DC=corp,DC=example"])).toBe('the account is a member of the protected group "Domain Admins"');
    expect(protectionReason(g, ["dave"], ["Tier0"])).toMatch(/Tier0/);
    expect(protectionReason(g, ["erin"], ["cn=vpn-users,ou=groups,dc=corp"])).toBeNull();
  });
  it("escapes regex characters in patterns", () => {
    expect(globToRegExp("a.b*").test("axb")).toBe(false);
    expect(globToRegExp("a.b*").test("a.bcd")).toBe(true);
  });
});
