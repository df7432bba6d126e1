// Which X-Forwarded-For entry is the client, and how addresses are keyed for the login limit.
import { describe, expect, it } from "vitest";
import { clientIp, normalizeIp } from "@/server/http/client-ip";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("takes the entry that the last trusted proxy appended", () => {
    expect(clientIp(xff("203.0.113.9"), 0)).toBe("203.0.113.9"); // set by next start from the socket
    expect(clientIp(xff("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9"); // a spoofed entry is ignored
    expect(clientIp(xff("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
  });

  it("is null when there is no usable address", () => {
    expect(clientIp(new Headers(), 0)).toBeNull();
    expect(clientIp(xff("not-an-ip"), 0)).toBeNull();
    expect(clientIp(xff("203.0.113.9"), 3)).toBeNull();
  });
});

describe("normalizeIp", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by /64", () => {
    expect(normalizeIp("192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeIp("192.0.2.1:51234")).toBe("192.0.2.1");
    expect(normalizeIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeIp("2001:db8:0001:0002:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeIp("[2001:db8:1:2:ffff:ffff:ffff:ffff]:443")).toBe("2001:db8:1:2::/64");
    expect(normalizeIp("::1")).toBe("0:0:0:0::/64");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});
