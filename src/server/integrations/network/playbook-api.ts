// ctx.integrations.network: "block this IP (or domain) wherever we can", for shipped playbooks that
// must work in any install. It picks the first enabled connection able to do it in a fixed order
// (CrowdSec, then the firewalls, then Cloudflare; for domains, the systems with a blockDomain
// action), falls through to the next one when a system fails, and answers { blocked: false, reason }
// instead of throwing when nothing can block: no connection configured, an internal address or
// name, or a guardrail refusal. The run goes on and says so on the case.
//   const block = await ctx.step("block ip", () => ctx.integrations.network.blockIp({ ip, duration: "24h", reason }));
//   const dns = await ctx.step("block domain", () => ctx.integrations.network.blockDomain({ domain, duration: "24h", reason }));
//   if (!dns.configured) ... // no connection can block domains: list it for the DNS/proxy team
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { connections } from "../../db/schema";
import { GuardrailRefusal } from "../errors";
import type { ContainmentOutcome } from "../ledger";
import { openConnectionRow, type OpenConnection } from "../open-connection";
import { INTEGRATIONS } from "../registry";
import { parseDomain } from "./domain-target";
import { isPublicIp } from "./internal-ip";

/** Systems that can block an IP, in the order they are tried. */
export const BLOCKING_SYSTEMS = ["crowdsec", "panos", "fortigate", "nftables", "cloudflare"] as const;

/** Systems that can block a domain (those with a blockDomain action), in the same order. */
export const DOMAIN_BLOCKING_SYSTEMS: readonly string[] = BLOCKING_SYSTEMS.filter((id) => "blockDomain" in INTEGRATIONS[id].actions);

export type NetworkBlockParams = { ip: string; duration: string; reason?: string };
export type NetworkDomainBlockParams = { domain: string; duration: string; reason?: string };

// Types (not interfaces) so they are Json for step outputs.
type BlockAttempt = {
  blocked: boolean;
  /** The connection that blocked it, with the ledger id of the block. */
  connection: string | null;
  actionId: string | null;
  expiresAt: string | null;
  /** Why it was not blocked (or what failed before a later connection succeeded). */
  reason: string | null;
  failures: { connection: string; error: string }[];
};
export type NetworkBlockResult = BlockAttempt & { ip: string };
export type NetworkDomainBlockResult = BlockAttempt & {
  domain: string;
  /** False when no enabled connection can block domains: the playbook should hand the domain to people. */
  configured: boolean;
};

export interface NetworkApi {
  /** Blocks a public IP on the first blocking connection that accepts it; never throws for "cannot". */
  blockIp(params: NetworkBlockParams): Promise<NetworkBlockResult>;
  /** Blocks a domain (FQDN) on the first connection able to that accepts it; never throws for "cannot". */
  blockDomain(params: NetworkDomainBlockParams): Promise<NetworkDomainBlockResult>;
}

export type BlockInvoke = (resolve: () => Promise<OpenConnection>, action: string, params: Record<string, unknown>) => Promise<unknown>;

const NOT_BLOCKED: BlockAttempt = { blocked: false, connection: null, actionId: null, expiresAt: null, reason: null, failures: [] };

export function networkApi(db: Db, invoke: BlockInvoke): NetworkApi {
  /** Enabled connections of these systems, in the systems' order, then by name. */
  async function blockingRows(systems: readonly string[]) {
    const rank = (integration: string) => systems.indexOf(integration);
    return (await db.select().from(connections).where(inArray(connections.integration, [...systems])))
      .filter((r) => r.enabled)
      .sort((a, b) => rank(a.integration) - rank(b.integration) || a.name.localeCompare(b.name));
  }

  /** Tries `action` on each row until one succeeds; a guardrail refusal stops the search. */
  async function firstThatBlocks(rows: Awaited<ReturnType<typeof blockingRows>>, action: string, params: Record<string, unknown>): Promise<BlockAttempt> {
    const failures: BlockAttempt["failures"] = [];
    for (const row of rows) {
      try {
        const outcome = (await invoke(async () => openConnectionRow(row), action, params)) as ContainmentOutcome;
        return { ...NOT_BLOCKED, blocked: true, connection: outcome.connection, actionId: outcome.actionId, expiresAt: outcome.expiresAt, failures };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ connection: row.name, error: message });
        // A guardrail speaks for the organisation (protected range, own domain, rate limit): do not shop around.
        if (error instanceof GuardrailRefusal) return { ...NOT_BLOCKED, reason: message, failures };
      }
    }
    return { ...NOT_BLOCKED, reason: `every blocking connection failed: ${failures.map((f) => `${f.connection}: ${f.error}`).join("; ")}`, failures };
  }

  return {
    async blockIp({ ip, duration, reason }) {
      if (!isPublicIp(ip)) return { ...NOT_BLOCKED, ip, reason: `${ip} is not a public IP address; internal addresses are never blocked` };
      const rows = await blockingRows(BLOCKING_SYSTEMS);
      if (rows.length === 0) return { ...NOT_BLOCKED, ip, reason: "no blocking connection configured (CrowdSec or a firewall)" };
      return { ...(await firstThatBlocks(rows, "blockIp", { ip, duration, reason })), ip };
    },

    async blockDomain({ domain, duration, reason }) {
      const rows = await blockingRows(DOMAIN_BLOCKING_SYSTEMS);
      const configured = rows.length > 0;
      let name: string;
      try {
        name = parseDomain(domain);
      } catch (e) {
        return { ...NOT_BLOCKED, domain, configured, reason: (e as Error).message };
      }
      if (!configured) return { ...NOT_BLOCKED, domain: name, configured, reason: `no connection can block domains (${DOMAIN_BLOCKING_SYSTEMS.map((id) => INTEGRATIONS[id as keyof typeof INTEGRATIONS].title).join(", ")})` };
      return { ...(await firstThatBlocks(rows, "blockDomain", { domain: name, duration, reason })), domain: name, configured };
    },
  };
}
