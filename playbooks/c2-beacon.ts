// Shipped playbook: command-and-control beaconing (Suricata, GuardDuty DNS findings, Chronicle,
// any source with category "c2"). Blocks the public destination IPs for 24 h, and the destination
// domains where a connection can block domains (else lists them to sinkhole), then looks back a
// week through other alerts for hosts that contacted the same destinations and attaches them to
// the case, so the analyst sees the whole blast radius in one place.
import { definePlaybook, pickObservables, settle } from "@/server/engine";
import { blockDomains } from "@/server/integrations/network/block-domains";
import { isPublicIp } from "@/server/integrations/network/internal-ip";

const MAX_DESTINATIONS = 5;
const LOOK_BACK = "7d";

export default definePlaybook({
  id: "c2-beacon",
  title: "C2 beacon: block the destination, find other infected hosts",
  description: "Blocks the C2 destination IPs (and domains, where a connection can block domains) for 24 h and attaches every other host that contacted the same destination in the last 7 days to the case.",
  trigger: { category: "c2", when: (a) => a.observables.domain.length > 0 || a.observables.ip.some(isPublicIp) },
  async run(ctx) {
    const ips = pickObservables(ctx.alert, "ip", { notRoles: ["src", "host", "compromised"], where: isPublicIp }).slice(0, MAX_DESTINATIONS);
    const domains = pickObservables(ctx.alert, "domain").slice(0, MAX_DESTINATIONS);
    const lines: string[] = [];
    const blocked: string[] = [];
    for (const ip of ips) {
      const block = await ctx.step(`block ${ip}`, () => ctx.integrations.network.blockIp({ ip, duration: "24h", reason: `C2 destination (${ctx.alert?.title ?? "alert"})` }));
      if (block.blocked) blocked.push(ip);
      lines.push(block.blocked ? `${ip}: blocked for 24 h on ${block.connection}.` : `${ip}: not blocked: ${block.reason}.`);
    }
    const dns = await blockDomains(ctx, domains, { duration: "24h", reason: `C2 destination (${ctx.alert?.title ?? "alert"})` });
    blocked.push(...dns.blocked);
    lines.push(...dns.lines);
    if (dns.unconfigured.length) lines.push(`Domain(s) ${dns.unconfigured.join(", ")}: no domain-blocking integration is available; sinkhole them on your DNS.`);

    const indicators = [...ips.map((value) => ({ type: "ip" as const, value })), ...domains.map((value) => ({ type: "domain" as const, value }))];
    const own = new Set([...pickObservables(ctx.alert, "host"), ...pickObservables(ctx.alert, "ip")]);
    const related = indicators.length ? await ctx.step("find other hosts", () => settle(() => ctx.integrations.cases.relatedHosts({ indicators, within: LOOK_BACK }))) : { ok: true as const, value: [] };
    if (!related.ok) lines.push(`Could not search recent alerts: ${related.error}.`);
    const others = (related.ok ? (related.value ?? []) : []).filter((h) => !own.has(h.value));
    if (others.length) {
      const attached = await ctx.step("attach other hosts", () =>
        settle(() => ctx.integrations.cases.attachObservables({ observables: others.map(({ type, value }) => ({ type, value })), note: "contacted the same C2 destination" })),
      );
      lines.push(`Other hosts that contacted ${indicators.map((i) => i.value).join(", ")} in the last ${LOOK_BACK}: ${others.map((h) => h.value).join(", ")}${attached.ok ? " (attached to this case)" : ` (attaching failed: ${attached.error})`}.`);
    } else if (related.ok) lines.push(`No other host contacted these destinations in the last ${LOOK_BACK}.`);
    await ctx.comment(`C2 beacon:\n${lines.map((l) => `- ${l}`).join("\n")}`);
    return { blocked, otherHosts: others.map((h) => h.value) };
  },
});
