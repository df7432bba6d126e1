// The domain guardrails of a network connection: internal-only TLDs, own/allow-listed domains in
// both directions (subdomains and parents), and the longest block, as for IPs.
import { describe, expect, it } from "vitest";
import { networkGuardrailsSchema } from "@/server/integrations/network/block-policy";
import { checkDomainBlock } from "@/server/integrations/network/domain-block-policy";

const HOUR = 3_600_000;
const policy = networkGuardrailsSchema.parse({ ownDomains: ["Acme.Example", "vpn.partner.example"], maxBlockDuration: "1d" });

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
