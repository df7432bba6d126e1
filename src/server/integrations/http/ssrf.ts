// SSRF guard for outbound HTTP: refuses loopback, private, link-local, CGNAT, multicast and other
// non-public destinations, for literal IPs and for every address a host name resolves to (checked
// inside the socket's own DNS lookup, so the address connected to is the address checked).
import dns from "node:dns";
import net from "node:net";

/** Address ranges no integration should reach unless its connection allows private networks. */
const NON_PUBLIC = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // RFC 1918
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12], // RFC 1918
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16], // RFC 1918
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  NON_PUBLIC.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64 (embeds an IPv4 address)
] as const)
  NON_PUBLIC.addSubnet(prefix, bits, "ipv6");

/** True for addresses that are not on the public internet. IPv4-mapped IPv6 counts as its IPv4. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return NON_PUBLIC.check(mapped[1]!, "ipv4");
    return NON_PUBLIC.check(address, "ipv6");
  }
  return false;
}

export class SsrfError extends Error {
  override name = "SsrfError";
  readonly code = "ESSRF";
}

function refusal(host: string, address: string): SsrfError {
  const shown = host === address ? address : `${host} (${address})`;
  return new SsrfError(`refused to connect to ${shown}: a loopback/private/link-local address; allow private networks on the connection if this is intended`);
}

/** Throws when the URL's host is a literal non-public IP (sockets skip DNS lookup for those). */
export function assertPublicHost(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && isPrivateAddress(host)) throw refusal(host, host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/** A dns.lookup replacement for sockets that fails when any resolved address is non-public. */
export function guardedLookup(resolve: typeof dns.lookup = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(refusal(hostname, bad.address), "");
      if (list.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
