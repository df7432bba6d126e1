// Domain names for domain blocks: canonical form, and refusals that say why.
import { describe, expect, it } from "vitest";
import { isDomain, parseDomain, withinDomain } from "@/server/integrations/network/domain-target";

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
