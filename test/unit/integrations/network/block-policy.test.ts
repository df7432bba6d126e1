import { describe, expect, it } from "vitest";
import { checkNetworkBlock, networkBlockPolicySchema } from "@/server/integrations/network/block-policy";
import { parseIpTarget } from "@/server/integrations/network/ip-target";

const policy = networkBlockPolicySchema.parse({ ownEgress: ["192.0.2.0/28"], allowList: ["198.51.100.200"], maxDurationSeconds: 86_400 });
const check = (target: string, seconds = 3600, override = false) => checkNetworkBlock(parseIpTarget(target), seconds, policy, override);

describe("network block policy", () => {
  it("allows a public address for a bounded time", () => {
    expect(check("198.51.100.23")).toEqual({ allowed: true });
  });

  it.each([
    ["10.1.2.3", "10.0.0.0/8"],
    ["172.20.0.1", "172.16.0.0/12"],
    ["192.168.1.1", "192.168.0.0/16"],
    ["127.0.0.1", "127.0.0.0/8"],
    ["::1", "::1/128"],
    ["fd00::5", "fc00::/7"],
    ["::ffff:192.168.0.9", "192.168.0.0/16"],
    ["192.0.2.5", "192.0.2.0/28"],
    ["198.51.100.200", "198.51.100.200"],
    ["198.51.100.0/24", "198.51.100.200"],
    ["0.0.0.0/0", "0.0.0.0/8"],
  ])("refuses %s because it overlaps %s", (target, range) => {
    const result = check(target);
    expect(result).toMatchObject({ allowed: false, overridable: true });
    expect(result.allowed === false && result.reason).toContain(range);
  });

  it("lets an admin override a protected range, but never the duration cap", () => {
    expect(check("10.1.2.3", 3600, true)).toEqual({ allowed: true });
    expect(check("198.51.100.23", 86_401, true)).toMatchObject({ allowed: false, overridable: false });
    expect(check("198.51.100.23", 0)).toMatchObject({ allowed: false });
  });

  it("refuses a policy with an invalid range", () => {
    expect(() => networkBlockPolicySchema.parse({ allowList: ["partner.example"] })).toThrow(/not a valid IP address/);
  });
});
