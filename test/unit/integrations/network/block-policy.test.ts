import { describe, expect, it } from "vitest";
import { checkNetworkBlock, networkGuardrailsSchema } from "@/server/integrations/network/block-policy";
import { parseIpTarget } from "@/server/integrations/network/ip-target";

const HOUR = 3_600_000;
const policy = networkGuardrailsSchema.parse({ ownEgress: ["192.0.2.0/28"], allowList: ["198.51.100.200"], overrideRanges: ["10.20.0.0/16"], maxBlockDuration: "24h" });
const check = (target: string, ms = HOUR) => checkNetworkBlock(parseIpTarget(target), ms, policy);

describe("network guardrails", () => {
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
    expect(result).toMatchObject({ allowed: false, rule: "protected_entity" });
    expect(result.allowed === false && result.reason).toContain(range);
  });

  it("lets an admin's override range lift the protection, for targets wholly inside it", () => {
    expect(check("10.20.3.4")).toEqual({ allowed: true });
    expect(check("10.20.0.0/24")).toEqual({ allowed: true });
    expect(check("10.0.0.0/8")).toMatchObject({ allowed: false, rule: "protected_entity" });
  });

  it("caps the duration, override or not", () => {
    expect(check("198.51.100.23", 24 * HOUR + 1000)).toMatchObject({ allowed: false, rule: "duration_cap", reason: expect.stringContaining("longest block (24h)") });
    expect(check("10.20.3.4", 25 * HOUR)).toMatchObject({ allowed: false, rule: "duration_cap" });
    expect(check("198.51.100.23", 0)).toMatchObject({ allowed: false, rule: "duration_cap" });
  });

  it("defaults to a 7-day cap and refuses invalid ranges in the config", () => {
    expect(networkGuardrailsSchema.parse({}).maxBlockDuration).toBe("7d");
    expect(() => networkGuardrailsSchema.parse({ allowList: ["partner.example"] })).toThrow(/not a valid IP address/);
  });
});
