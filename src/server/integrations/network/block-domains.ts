// Domain blocking "where configured", for the shipped playbooks: each domain is blocked in its own
// step through ctx.integrations.network.blockDomain; once a call says no connection can block
// domains, the rest are not tried (and make no steps) and come back as `unconfigured`, for the
// playbook to hand to people (DNS sinkhole, mail filter) as it did before domain blocks existed.
//   const dns = await blockDomains(ctx, domains, { duration: "24h", reason: "C2", prefix: "C2 domain " });
import type { RunContext } from "../../engine";

export interface DomainBlocks {
  /** Domains blocked now (or already blocked). */
  blocked: string[];
  /** Domains no connection could block because none can block domains: list them for people. */
  unconfigured: string[];
  /** One line per domain a connection tried: blocked on X, or not blocked and why. */
  lines: string[];
}

/** Step names are at most 200 characters and unique: long names are cut and numbered. */
const stepName = (domain: string, n: number) => `block domain ${domain.length <= 150 ? domain : `${domain.slice(0, 140)}… #${n}`}`;

export async function blockDomains(ctx: RunContext, domains: string[], options: { duration: string; reason: string; prefix?: string }): Promise<DomainBlocks> {
  const out: DomainBlocks = { blocked: [], unconfigured: [], lines: [] };
  const prefix = options.prefix ?? "";
  for (const [n, domain] of [...new Set(domains)].entries()) {
    if (out.unconfigured.length) {
      out.unconfigured.push(domain);
      continue;
    }
    const block = await ctx.step(stepName(domain, n + 1), () => ctx.integrations.network.blockDomain({ domain, duration: options.duration, reason: options.reason }));
    // A harness or backtest without a scripted answer returns null: treat it as "nothing can block domains".
    if (!(block as typeof block | null)?.configured) out.unconfigured.push(domain);
    else if (block.blocked) {
      out.blocked.push(block.domain);
      out.lines.push(`${prefix}${block.domain}: blocked for ${options.duration.replace(/^(\d+)([smhd])$/, "$1 $2")} on ${block.connection}.`);
    } else out.lines.push(`${prefix}${domain}: not blocked: ${block.reason}.`);
  }
  return out;
}
