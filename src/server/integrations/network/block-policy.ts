// What network containment may never block without an admin's explicit override: private,
// loopback, link-local and other non-public ranges, the organisation's own egress ranges and
// allow-listed CIDRs; and how long a block may last. Pure: the guardrails decide with it.
import { z } from "zod";
import { overlaps, parseIpTarget, type IpTarget } from "./ip-target";

/** Ranges no playbook should ever block by accident (RFC 1918, loopback, link-local, ...). */
export const NON_PUBLIC_RANGES: ReadonlyArray<{ cidr: string; label: string }> = [
  { cidr: "0.0.0.0/8", label: "this network (RFC 1122)" },
  { cidr: "10.0.0.0/8", label: "private (RFC 1918)" },
  { cidr: "100.64.0.0/10", label: "carrier-grade NAT (RFC 6598)" },
  { cidr: "127.0.0.0/8", label: "loopback" },
  { cidr: "169.254.0.0/16", label: "link-local" },
  { cidr: "172.16.0.0/12", label: "private (RFC 1918)" },
  { cidr: "192.168.0.0/16", label: "private (RFC 1918)" },
  { cidr: "224.0.0.0/4", label: "multicast" },
  { cidr: "240.0.0.0/4", label: "reserved / broadcast" },
  { cidr: "::/128", label: "unspecified" },
  { cidr: "::1/128", label: "loopback" },
  { cidr: "fc00::/7", label: "unique local (RFC 4193)" },
  { cidr: "fe80::/10", label: "link-local" },
  { cidr: "ff00::/8", label: "multicast" },
];

const cidrList = z.array(z.string().transform((v, ctx) => {
  try {
    return parseIpTarget(v).value;
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
}));

export const networkBlockPolicySchema = z.object({
  /** The organisation's own public egress ranges (NAT, proxies, VPN concentrators). */
  ownEgress: cidrList.default([]),
  /** Partners, monitoring, upstream resolvers: anything that must stay reachable. */
  allowList: cidrList.default([]),
  /** Longest block a playbook may ask for, in seconds. (Default: 7 days) */
  maxDurationSeconds: z.number().int().min(60).max(366 * 86_400).default(7 * 86_400),
});
export type NetworkBlockPolicy = z.infer<typeof networkBlockPolicySchema>;

export type BlockCheck = { allowed: true } | { allowed: false; reason: string; overridable: boolean };

/** The first protected range the target overlaps, with why it is protected. */
export function protectedRangeHit(target: IpTarget, policy: NetworkBlockPolicy): { cidr: string; label: string } | null {
  const lists: Array<{ cidr: string; label: string }> = [
    ...NON_PUBLIC_RANGES,
    ...policy.ownEgress.map((cidr) => ({ cidr, label: "own egress range" })),
    ...policy.allowList.map((cidr) => ({ cidr, label: "allow-listed" })),
  ];
  return lists.find((r) => overlaps(target, parseIpTarget(r.cidr))) ?? null;
}

/**
 * Decides whether blocking `target` for `durationSeconds` is allowed. `override` is true only when
 * an admin explicitly allowed this block; it lifts the protected-range rule, not the duration cap
 * (a longer block can always be renewed, a forgotten one cannot be taken back).
 */
export function checkNetworkBlock(target: IpTarget, durationSeconds: number, policy: NetworkBlockPolicy, override = false): BlockCheck {
  if (!Number.isInteger(durationSeconds) || durationSeconds < 1)
    return { allowed: false, reason: `block duration must be a whole number of seconds >= 1, got ${durationSeconds}`, overridable: false };
  if (durationSeconds > policy.maxDurationSeconds)
    return { allowed: false, reason: `block duration ${durationSeconds}s exceeds the cap of ${policy.maxDurationSeconds}s (guardrail network.maxDurationSeconds)`, overridable: false };
  const hit = protectedRangeHit(target, policy);
  if (hit && !override)
    return { allowed: false, reason: `${target.value} overlaps protected range ${hit.cidr} (${hit.label}); only an admin override may block it`, overridable: true };
  return { allowed: true };
}
