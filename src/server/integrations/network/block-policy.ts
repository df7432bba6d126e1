// What network containment may never block unless an admin explicitly allows it on the
// connection: private, loopback, link-local and other non-public ranges, the organisation's own
// egress ranges and allow-listed CIDRs; and how long a block may last. The schema is the
// "Network guardrails" part of every network connection's config; the check is pure.
import { z } from "zod";
import { durationMs } from "../duration";
import { domainSchema } from "./domain-target";
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

const cidrLines = (title: string, description: string) =>
  z
    .array(
      z.string().transform((v, ctx) => {
        try {
          return parseIpTarget(v).value;
        } catch (e) {
          ctx.addIssue({ code: "custom", message: (e as Error).message });
          return z.NEVER;
        }
      }),
    )
    .max(1000)
    .default([])
    .meta({ title, description, format: "lines" });

export const networkGuardrailsSchema = z
  .object({
    ownEgress: cidrLines("Own egress ranges", "Your public NAT, proxy and VPN ranges, one IP or CIDR per line: never blocked, so Vigil cannot cut you off."),
    allowList: cidrLines("Allow-listed ranges", "Partners, monitoring, upstream resolvers: IPs or CIDRs that must stay reachable, one per line."),
    overrideRanges: cidrLines(
      "Admin override: blockable protected ranges",
      "Private or otherwise protected ranges that playbooks MAY block through this connection (e.g. an internal client subnet, to isolate compromised hosts). Leave empty unless you mean it.",
    ),
    ownDomains: z
      .array(domainSchema)
      .max(1000)
      .default([])
      .meta({
        title: "Own and allow-listed domains",
        description: "Your domains and those that must stay reachable (partners, SaaS you depend on), one per line: they and their subdomains are never blocked by domain.",
        format: "lines",
      }),
    maxBlockDuration: z
      .string()
      .regex(/^\d+[smhd]$/, 'a duration like "4h" or "7d"')
      .default("7d")
      .meta({ title: "Longest block", description: 'Blocks asked for longer are refused, e.g. "24h" or "7d". (Default: 7d)' }),
  })
  .meta({ title: "Network guardrails" });
export type NetworkGuardrails = z.output<typeof networkGuardrailsSchema>;

export type BlockCheck = { allowed: true } | { allowed: false; rule: "protected_entity" | "duration_cap"; reason: string };

/** The first protected range the target overlaps, with why it is protected. */
export function protectedRangeHit(target: IpTarget, policy: NetworkGuardrails): { cidr: string; label: string } | null {
  const lists: Array<{ cidr: string; label: string }> = [
    ...NON_PUBLIC_RANGES,
    ...policy.ownEgress.map((cidr) => ({ cidr, label: "own egress range" })),
    ...policy.allowList.map((cidr) => ({ cidr, label: "allow-listed" })),
  ];
  return lists.find((r) => overlaps(target, parseIpTarget(r.cidr))) ?? null;
}

/** True when an admin listed a range that contains the whole target. */
function overridden(target: IpTarget, policy: NetworkGuardrails): boolean {
  return policy.overrideRanges.some((cidr) => {
    const range = parseIpTarget(cidr);
    return range.prefix <= target.prefix && overlaps(range, target);
  });
}

/** Decides whether blocking `target` for `blockMs` is allowed on a connection with this policy. */
export function checkNetworkBlock(target: IpTarget, blockMs: number, policy: NetworkGuardrails): BlockCheck {
  const tooLong = durationRefusal(blockMs, policy);
  if (tooLong) return tooLong;
  const hit = protectedRangeHit(target, policy);
  if (hit && !overridden(target, policy))
    return { allowed: false, rule: "protected_entity", reason: `${target.value} overlaps the protected range ${hit.cidr} (${hit.label}); an admin can list it under "Admin override" on the connection` };
  return { allowed: true };
}

/** The longest-block check every timed block (IP or domain) goes through. */
export function durationRefusal(blockMs: number, policy: NetworkGuardrails): BlockCheck | null {
  const cap = durationMs(policy.maxBlockDuration);
  if (!(blockMs > 0)) return { allowed: false, rule: "duration_cap", reason: "a block needs a positive duration" };
  if (blockMs > cap) return { allowed: false, rule: "duration_cap", reason: `a block of ${Math.round(blockMs / 1000)}s exceeds this connection's longest block (${policy.maxBlockDuration})` };
  return null;
}
