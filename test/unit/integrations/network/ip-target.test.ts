import { describe, expect, it } from "vitest";
import { overlaps, parseIpTarget, ipv4Netmask } from "@/server/integrations/network/ip-target";

describe("IP target parsing", () => {
  it("returns canonical single addresses and ranges", () => {
    expect(parseIpTarget(" 198.51.100.7 ")).toEqual({ value: "198.51.100.7", version: 4, address: "198.51.100.7", prefix: 32, isRange: false });
    expect(parseIpTarget("203.0.113.0/24")).toMatchObject({ value: "203.0.113.0/24", isRange: true, prefix: 24 });
    expect(parseIpTarget("2001:DB8:0:0::1").value).toBe("2001:db8::1");
    expect(parseIpTarget("2001:db8::/48")).toMatchObject({ value: "2001:db8::/48", version: 6 });
    expect(parseIpTarget("198.51.100.7/32")).toMatchObject({ value: "198.51.100.7", isRange: false });
  });

  it("folds IPv4-mapped IPv6 into IPv4 so protected-range checks see it", () => {
    expect(parseIpTarget("::ffff:10.0.0.1")).toMatchObject({ value: "10.0.0.1", version: 4 });
    expect(parseIpTarget("::ffff:10.0.0.0/104")).toMatchObject({ value: "10.0.0.0/8", version: 4 });
  });

  it.each([
    ["hostnames, which nft would resolve through DNS", "evil.example.com"],
    ["shell metacharacters", "1.2.3.4; nft flush ruleset"],
    ["nft syntax smuggling", "1.2.3.4 }"],
    ["newlines", "1.2.3.4\nflush ruleset"],
    ["octal-looking IPv4", "010.1.1.1"],
    ["short IPv4 forms", "127.1"],
    ["hex IPv4", "0x7f.0.0.1"],
    ["out-of-range octets", "256.1.1.1"],
    ["prefix too long", "1.2.3.0/33"],
    ["leading-zero prefix", "1.2.3.0/024"],
    ["host bits set", "10.0.0.5/8"],
    ["IPv6 zone ids", "fe80::1%eth0"],
    ["empty", ""],
  ])("refuses %s", (_why, input) => {
    expect(() => parseIpTarget(input)).toThrow(/not a valid IP address or CIDR range/);
  });

  it("suggests the network address when host bits are set", () => {
    expect(() => parseIpTarget("10.0.0.5/8")).toThrow(/did you mean 10\.0\.0\.0\/8/);
  });

  it("detects overlap in both directions and never across families", () => {
    const p = parseIpTarget;
    expect(overlaps(p("10.1.2.3"), p("10.0.0.0/8"))).toBe(true);
    expect(overlaps(p("8.0.0.0/6"), p("10.0.0.0/8"))).toBe(true);
    expect(overlaps(p("11.0.0.0/8"), p("10.0.0.0/8"))).toBe(false);
    expect(overlaps(p("::1"), p("0.0.0.1"))).toBe(false);
  });

  it("gives IPv4 netmasks", () => {
    expect(ipv4Netmask(32)).toBe("255.255.255.255");
    expect(ipv4Netmask(20)).toBe("255.255.240.0");
  });
});
