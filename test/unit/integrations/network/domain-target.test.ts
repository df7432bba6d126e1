// Domain names for domain blocks: canonical form, refusals with reasons, and the domain guardrails
// (internal-only TLDs, own/allow-listed domains in both directions, longest block).
import { describe, expect, it } from "vitest";
import { networkGuardrailsSchema } from "@/server/integrations/network/block-policy";
import { checkDomainBlock } from "@/server/integrations/network/domain-block-policy";
import { isDomain, parseDomain, withinDomain } from "@/server/integrations/network/domain-target";

const HOUR = 3_600_000;
const policy = networkGuardrailsSchema.parse({ ownDomains: ["Acme.Example", "vpn.partner.example"], maxBlockDuration: "1d" });

describe("parseDomain", () => {
  it("lower-cases and drops the root dot", () => {
    expect(parseDomain(" Evil.Example. ")).toBe("evil.example");
    expect(parseDomain("xn--bcher-kva.example")).toBe("xn--bcher-kva.example");
  });

  it.each([
    ["", /empty/],
    ["localhost", /single label/],
    ["198.51.100.7", /an IP address is not a domain/],
    ["*.evil.example", /wildcards/],
    ["https://evil.example/x", /not a URL/],
    ["-bad.example", /label "-bad"/],
    ["a..example", /label ""/],
    [`${"a".repeat(64)}.example`, /1-63/],
    [`${"a.".repeat(130)}example`, /253/],
    ["evil.example;rm", /only letters/],
  ])("refuses %j", (input, why) => {
    expect(() => parseDomain(input)).toThrow(why);
    expect(isDomain(input)).toBe(false);
  });

  it("knows subdomains", () => {
    expect(withinDomain("a.b.example", "b.example")).toBe(true);
    expect(withinDomain("ab.example", "b.example")).toBe(false);
  });
});

describe("checkDomainBlock", () => {
  it("allows a public domain within the longest block", () => {
    expect(checkDomainBlock("evil.example", HOUR, policy)).toEqual({ allowed: true });
  });

  it("refuses own domains, their subdomains and parents, and internal-only TLDs", () => {
    expect(policy.ownDomains).toEqual(["acme.example", "vpn.partner.example"]);
    expect(checkDomainBlock("mail.acme.example", HOUR, policy)).toMatchObject({ allowed: false, rule: "protected_entity", reason: expect.stringMatching(/is within the own\/allow-listed domain acme\.example/) });
    expect(checkDomainBlock("partner.example", HOUR, policy)).toMatchObject({ allowed: false, reason: expect.stringMatching(/contains the own\/allow-listed domain vpn\.partner\.example/) });
    expect(checkDomainBlock("dc01.ad.internal", HOUR, policy)).toMatchObject({ allowed: false, reason: expect.stringMatching(/internal-only top-level domain \.internal/) });
    expect(checkDomainBlock("notacme.example", HOUR, policy)).toEqual({ allowed: true });
  });

  it("caps the duration like an IP block", () => {
    expect(checkDomainBlock("evil.example", 2 * 24 * HOUR, policy)).toMatchObject({ allowed: false, rule: "duration_cap" });
  });

  it("refuses an invalid own domain in the connection config", () => {
    expect(networkGuardrailsSchema.safeParse({ ownDomains: ["not a domain"] }).success).toBe(false);
  });
});
