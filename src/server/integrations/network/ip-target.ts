// Strict parsing of the IP addresses and CIDR ranges that network containment acts on. Every
// firewall command and API call is built from the canonical form returned here, never from user
// input: a loose parse is a command-injection hole over SSH, and a name that is not an IP makes
// `nft` resolve it through DNS. IPv4-mapped IPv6 (::ffff:10.0.0.1) is folded to IPv4 so it cannot
// slip past the protected-range checks.
import ipaddr from "ipaddr.js";
import { isIP } from "node:net";
import { z } from "zod";
import { AppError } from "../../errors";

export interface IpTarget {
  /** Canonical text: "198.51.100.7", "203.0.113.0/24", "2001:db8::1", "2001:db8::/48". */
  value: string;
  version: 4 | 6;
  /** The network address without prefix. */
  address: string;
  /** 32 or 128 for a single address. */
  prefix: number;
  /** True when the target is more than one address. */
  isRange: boolean;
}

const SHAPE = /^[0-9A-Fa-f:.]{2,45}(\/[0-9]{1,3})?$/;

function fail(input: string, why: string): never {
  throw new AppError("BAD_REQUEST", `target "${input.slice(0, 60)}" is not a valid IP address or CIDR range: ${why}`);
}

/** Parses "1.2.3.4", "1.2.3.0/24", "2001:db8::1", "2001:db8::/32"; throws AppError(BAD_REQUEST) otherwise. */
export function parseIpTarget(input: string): IpTarget {
  const text = input.trim();
  if (!SHAPE.test(text)) fail(input, "only digits, hex digits, '.', ':' and one '/prefix' are allowed");
  const [addressText, prefixText] = text.split("/") as [string, string | undefined];
  const family = isIP(addressText);
  if (family === 0) fail(input, "the address part does not parse");
  if (family === 4 && !ipaddr.IPv4.isValidFourPartDecimal(addressText)) fail(input, "IPv4 must be four decimal parts");
  if (prefixText !== undefined && /^0[0-9]/.test(prefixText)) fail(input, "the prefix has a leading zero");

  let addr: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(addressText);
  let prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    prefix = prefixText === undefined ? 32 : prefix - 96;
    if (prefix < 0) fail(input, "an IPv4-mapped range needs a prefix of at least /96");
  }
  const version = addr.kind() === "ipv4" ? 4 : 6;
  const max = version === 4 ? 32 : 128;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) fail(input, `the prefix must be 0-${max}`);

  const network = version === 4 ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${prefix}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${prefix}`);
  if (network.toString() !== addr.toString()) fail(input, `host bits are set; did you mean ${network.toString()}/${prefix}?`);
  const address = addr.toString();
  const isRange = prefix < max;
  return { value: isRange ? `${address}/${prefix}` : address, version, address, prefix, isRange };
}

/** zod: a string that parses as an IP target, output canonical. */
export const ipTargetSchema = z.string().transform((value, ctx) => {
  try {
    return parseIpTarget(value);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
});

function toRange(t: IpTarget): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return [ipaddr.parse(t.address), t.prefix];
}

/** True when the two targets share at least one address. */
export function overlaps(a: IpTarget, b: IpTarget): boolean {
  if (a.version !== b.version) return false;
  const wider = a.prefix <= b.prefix ? a : b;
  const narrower = wider === a ? b : a;
  return ipaddr.parse(narrower.address).match(toRange(wider));
}

/** The IPv4 netmask of a prefix, e.g. 24 -> "255.255.255.0" (FortiGate wants subnets this way). */
export function ipv4Netmask(prefix: number): string {
  return ipaddr.IPv4.subnetMaskFromPrefixLength(prefix).toString();
}
