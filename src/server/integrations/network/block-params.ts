// Parameters every network system's actions share: the IP or CIDR (or, for systems that block
// names, the domain) to act on, validated and canonical before anything is built from it, and how
// long a block lasts.
import { z } from "zod";
import { durationMs, durationSchema, type Duration } from "../duration";
import { domainSchema } from "./domain-target";
import { parseIpTarget } from "./ip-target";

/** An IP address or CIDR range, stored in canonical form ("2001:db8::1", "203.0.113.0/24"). */
export const ipParam = z
  .string()
  .max(60)
  .transform((value, ctx) => {
    try {
      return parseIpTarget(value).value;
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
      return z.NEVER;
    }
  });

export const blockParams = z.object({
  ip: ipParam,
  /** How long the block lasts ("1h", "4h", "7d", or ms); capped by the connection's network guardrails. */
  duration: durationSchema,
});
export const ipParams = z.object({ ip: ipParam });

export const domainBlockParams = z.object({
  domain: domainSchema,
  /** How long the block lasts; capped by the connection's network guardrails like an IP block. */
  duration: durationSchema,
});
export const domainParams = z.object({ domain: domainSchema });
export const domainTargetOf = (params: { domain: string }) => ({ type: "domain" as const, value: params.domain });

export const ipTargetOf = (params: { ip: string }) => ({ type: "ip" as const, value: params.ip });

/** Whole seconds of a duration, at least 1. */
export function durationSeconds(duration: Duration): number {
  return Math.max(1, Math.ceil(durationMs(duration) / 1000));
}
