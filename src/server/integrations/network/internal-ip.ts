// "Is this IP internal?" for playbooks deciding what to enrich or block: an address in a
// non-public range (RFC 1918, loopback, link-local, CGNAT, ULA, ...) is internal. Network
// guardrails refuse to block those anyway; playbooks ask first so they skip them with a clear
// comment instead of tripping a refusal.
import { NON_PUBLIC_RANGES } from "./block-policy";
import { overlaps, parseIpTarget, type IpTarget } from "./ip-target";

const RANGES = NON_PUBLIC_RANGES.map((r) => parseIpTarget(r.cidr));

function parsed(value: string): IpTarget | null {
  try {
    return parseIpTarget(value);
  } catch {
    return null;
  }
}

/** True for an IP (or range) that overlaps a non-public range. */
export function isInternalIp(value: string): boolean {
  const target = parsed(value);
  return target !== null && RANGES.some((r) => overlaps(target, r));
}

/** True for a single, valid, public IP address: the only thing playbooks block automatically. */
export function isPublicIp(value: string): boolean {
  const target = parsed(value);
  return target !== null && !target.isRange && !RANGES.some((r) => overlaps(target, r));
}
