// ctx.integrations.network: "block this IP wherever we can", for shipped playbooks that must work
// in any install. It picks the first enabled blocking connection in a fixed order (CrowdSec, then
// the firewalls, then Cloudflare), falls through to the next one when a system fails, and answers
// { blocked: false, reason } instead of throwing when nothing can block: no connection configured,
// an internal address, or a guardrail refusal. The run goes on and says so on the case.
//   const block = await ctx.step("block ip", () => ctx.integrations.network.blockIp({ ip, duration: "24h", reason }));
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { connections } from "../../db/schema";
import { GuardrailRefusal } from "../errors";
import type { ContainmentOutcome } from "../ledger";
import { openConnectionRow, type OpenConnection } from "../open-connection";
import { isPublicIp } from "./internal-ip";

/** Systems that can block an IP, in the order they are tried. */
export const BLOCKING_SYSTEMS = ["crowdsec", "panos", "fortigate", "nftables", "cloudflare"] as const;

export type NetworkBlockParams = { ip: string; duration: string; reason?: string };

// A type (not an interface) so it is Json for step outputs.
export type NetworkBlockResult = {
  ip: string;
  blocked: boolean;
  /** The connection that blocked it, with the ledger id of the block. */
  connection: string | null;
  actionId: string | null;
  expiresAt: string | null;
  /** Why it was not blocked (or what failed before a later connection succeeded). */
  reason: string | null;
  failures: { connection: string; error: string }[];
};

export interface NetworkApi {
  /** Blocks a public IP on the first blocking connection that accepts it; never throws for "cannot". */
  blockIp(params: NetworkBlockParams): Promise<NetworkBlockResult>;
}

export type BlockInvoke = (resolve: () => Promise<OpenConnection>, action: string, params: Record<string, unknown>) => Promise<unknown>;

const rank = (integration: string) => BLOCKING_SYSTEMS.indexOf(integration as (typeof BLOCKING_SYSTEMS)[number]);

export function networkApi(db: Db, invoke: BlockInvoke): NetworkApi {
  return {
    async blockIp({ ip, duration, reason }) {
      const result: NetworkBlockResult = { ip, blocked: false, connection: null, actionId: null, expiresAt: null, reason: null, failures: [] };
      if (!isPublicIp(ip)) return { ...result, reason: `${ip} is not a public IP address; internal addresses are never blocked` };
      const rows = (await db.select().from(connections).where(inArray(connections.integration, [...BLOCKING_SYSTEMS])))
        .filter((r) => r.enabled)
        .sort((a, b) => rank(a.integration) - rank(b.integration) || a.name.localeCompare(b.name));
      if (rows.length === 0) return { ...result, reason: "no blocking connection configured (CrowdSec or a firewall)" };
      for (const row of rows) {
        try {
          const outcome = (await invoke(async () => openConnectionRow(row), "blockIp", { ip, duration, reason })) as ContainmentOutcome;
          return { ...result, blocked: true, connection: outcome.connection, actionId: outcome.actionId, expiresAt: outcome.expiresAt };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // A guardrail speaks for the organisation (protected range, rate limit): do not shop around.
          if (error instanceof GuardrailRefusal) return { ...result, reason: message, failures: [...result.failures, { connection: row.name, error: message }] };
          result.failures.push({ connection: row.name, error: message });
        }
      }
      return { ...result, reason: `every blocking connection failed: ${result.failures.map((f) => `${f.connection}: ${f.error}`).join("; ")}` };
    },
  };
}
