// Example playbook (manual): contain an attacker's IP at the edge and on the firewall for a
// bounded time. Enriches the IP first (cached, within each key's quota), then bans it through
// CrowdSec and blocks it in nftables over SSH; both blocks lift themselves when the duration
// ends (the ledger's expiry), and an analyst can roll either back from the case.
import { z } from "zod";
import { definePlaybook } from "@/server/engine";

export default definePlaybook({
  id: "block-attacker-ip",
  title: "Block attacker IP",
  description: "Enrich an IP, then block it through CrowdSec and nftables (SSH) for a bounded time.",
  inputSchema: z.object({
    ip: z.string().min(2).max(60),
    duration: z.string().regex(/^\d+[smhd]$/).default("1h"),
    reason: z.string().max(300).default("attacker IP blocked by playbook"),
  }),
  async run(ctx) {
    const { ip, duration, reason } = ctx.input;
    const intel = await ctx.step("enrich ip", () => ctx.integrations.enrichment.lookup({ type: "ip", value: ip }));
    const edge = await ctx.step("ban on crowdsec", () => ctx.integrations.crowdsec.blockIp({ ip, duration, reason }));
    const firewall = await ctx.step("block on firewall", () => ctx.integrations.nftables.blockIp({ ip, duration, reason }));
    await ctx.comment(`Blocked ${ip} for ${duration} on CrowdSec (${edge.connection}) and nftables (${firewall.connection}); enrichment verdict: ${intel.verdict ?? "none"}.`);
    return { ip, duration, verdict: intel.verdict, actions: [edge.actionId, firewall.actionId] };
  },
});
