// isInternalIp / isPublicIp: what playbooks ask before enriching or blocking an address.
import { describe, expect, it } from "vitest";
import { isInternalIp, isPublicIp } from "@/server/integrations/network/internal-ip";

describe("isInternalIp and isPublicIp", () => {
  it.each([
    ["10.9.0.4", true, false],
    ["192.168.1.1", true, false],
    ["172.20.0.1", true, false],
    ["127.0.0.1", true, false],
    ["100.64.3.2", true, false],
    ["fd00::1", true, false],
    ["::ffff:10.0.0.1", true, false], // IPv4-mapped is folded to IPv4
    ["203.0.113.45", false, true],
    ["2001:db8::7", false, true],
    ["203.0.113.0/24", false, false], // a range is never blocked automatically
    ["not-an-ip", false, false],
    ["evil.example", false, false],
  ])("%s: internal %s, public %s", (ip, internal, pub) => {
    expect(isInternalIp(ip)).toBe(internal);
    expect(isPublicIp(ip)).toBe(pub);
  });
});
