import { describe, expect, it } from "vitest";
import { blockScript, nftNameSchema, parseListing, unblockScript } from "@/server/integrations/nftables/ruleset";
import { parseIpTarget, type IpTarget } from "@/server/integrations/network/ip-target";

const layout = { table: "vigil", set: "blocklist", dropChains: false };

describe("nft scripts", () => {
  it("re-times an element atomically: add, delete, add with the timeout", () => {
    const script = blockScript(layout, parseIpTarget("198.51.100.9"), 3600);
    expect(script.split("\n").slice(-4)).toEqual([
      "add element inet vigil blocklist_ip4 { 198.51.100.9 }",
      "delete element inet vigil blocklist_ip4 { 198.51.100.9 }",
      "add element inet vigil blocklist_ip4 { 198.51.100.9 timeout 3600s }",
      "",
    ]);
  });

  it("puts ranges in interval sets and IPv6 in ip6 sets", () => {
    expect(unblockScript(layout, parseIpTarget("2001:db8::/48"))).toContain("delete element inet vigil blocklist_net6 { 2001:db8::/48 }");
  });

  it("refuses to build an element from anything but a parsed target", () => {
    const forged = { value: "1.2.3.4 } ; flush ruleset ; {", version: 4, address: "1.2.3.4", prefix: 32, isRange: false } as IpTarget;
    expect(() => blockScript(layout, forged, 60)).toThrow(/refusing to build/);
  });

  it("accepts only plain table and set names", () => {
    expect(nftNameSchema.safeParse("vigil").success).toBe(true);
    for (const bad of ["vigil; flush ruleset", "1abc", "a b", ""]) expect(nftNameSchema.safeParse(bad).success).toBe(false);
  });

  it("parses timed, plain and prefix elements of Vigil's sets only", () => {
    const json = JSON.stringify({
      nftables: [
        { metainfo: { version: "1.0.6" } },
        { table: { family: "inet", name: "vigil" } },
        { set: { name: "blocklist_ip4", elem: [{ elem: { val: "198.51.100.9", timeout: 3600, expires: 3599 } }, "198.51.100.10"] } },
        { set: { name: "blocklist_net4", elem: [{ elem: { val: { prefix: { addr: "203.0.113.0", len: 24 } }, timeout: 60, expires: 5 } }] } },
        { set: { name: "someone_elses", elem: ["192.0.2.1"] } },
      ],
    });
    expect(parseListing(json, layout)).toEqual([
      { value: "198.51.100.9", set: "blocklist_ip4", timeoutSeconds: 3600, expiresSeconds: 3599 },
      { value: "198.51.100.10", set: "blocklist_ip4" },
      { value: "203.0.113.0/24", set: "blocklist_net4", timeoutSeconds: 60, expiresSeconds: 5 },
    ]);
  });
});
