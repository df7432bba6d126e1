// What domain containment may never block: names under TLDs that only exist inside networks
// (localhost, .local, .internal, .arpa, ...), and the organisation's own and allow-listed domains
// from the connection's network guardrails, with their subdomains; plus the longest block. A
// parent of a listed domain is refused too (listing vpn.corp.example protects corp.example): a
// SOC that lists a host almost always owns its parent. Pure, like block-policy.ts.
import { durationRefusal, type BlockCheck, type NetworkGuardrails } from "./block-policy";
import { withinDomain } from "./domain-target";

/** Special-use and de-facto internal TLDs (RFC 6761, RFC 6762, RFC 8375, ICANN "internal"). */
export const NON_PUBLIC_TLDS: readonly string[] = ["localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp", "arpa", "invalid"];

/** Decides whether blocking the canonical `domain` for `blockMs` is allowed under this policy. */
export function checkDomainBlock(domain: string, blockMs: number, policy: NetworkGuardrails): BlockCheck {
  const tooLong = durationRefusal(blockMs, policy);
  if (tooLong) return tooLong;
  const tld = domain.slice(domain.lastIndexOf(".") + 1);
  if (NON_PUBLIC_TLDS.includes(tld)) return { allowed: false, rule: "protected_entity", reason: `${domain} is under the internal-only top-level domain .${tld}; internal names are never blocked` };
  const own = policy.ownDomains.find((d) => withinDomain(domain, d) || withinDomain(d, domain));
  if (own)
    return {
      allowed: false,
      rule: "protected_entity",
      reason: `${domain} ${withinDomain(domain, own) ? "is within" : "contains"} the own/allow-listed domain ${own}; an admin can change "Own and allow-listed domains" on the connection`,
    };
  return { allowed: true };
}
