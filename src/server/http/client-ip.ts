// The client address of a request, for per-address login limits and session records. Route
// handlers cannot see the socket, but `next start` puts the peer address in X-Forwarded-For when
// the request has none (next/dist/server/base-server.js). Behind N trusted reverse proxies, each
// appends the address it received from, so the client is the Nth entry from the right. With no
// proxy (N = 0) the last entry is used: a client that sends its own X-Forwarded-For can then pick
// its apparent address (see SECURITY.md, known gaps).
import { isIP } from "node:net";

/** The client address: IPv4 as is, IPv6 as its /64 (one host usually owns a whole /64). */
export function clientIp(headers: Headers, trustedProxies: number): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const raw = hops[hops.length - Math.max(trustedProxies, 1)];
  return raw ? normalizeIp(raw) : null;
}

/** A canonical address string, or null when the value is not an IP address. */
export function normalizeIp(value: string): string | null {
  const bare = value
    .replace(/^\[|\](:\d+)?$/g, "") // [v6]:port
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1") // v4:port (some load balancers add it)
    .replace(/%.*$/, ""); // zone id
  const kind = isIP(bare);
  if (kind === 4) return bare;
  if (kind !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  return `${expandIpv6(bare).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + ((a << 8) | b).toString(16) + ":" + ((c << 8) | d).toString(16);
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
