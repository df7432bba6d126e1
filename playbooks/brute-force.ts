// Shipped playbook: brute force against a login. Enriches each external source IP and, when the
// enrichment says malicious, blocks it for 24 h on the first blocking connection (CrowdSec, else a
// firewall). When the alert says an account was actually accessed, a manager decides whether to
// disable it and end its sessions. Every outcome, including "nothing could block", is commented.
import { alertText, definePlaybook, pickObservables, settle } from "@/server/engine";
import { isPublicIp } from "@/server/integrations/network/internal-ip";

/** Words vendors use when the attempts ended in a successful sign-in. */
const ACCESSED = /\b(success(ful(ly)?)?|succeeded|accepted password|logged in|login granted)\b/i;
const NOT_ACCESSED = /\b(unsuccessful|not successful|no success)\b/i;
const MAX_IPS = 5;

export default definePlaybook({
  id: "brute-force",
  title: "Brute force: block the attacker, lock a breached account",
  description:
    "Enriches the source IP; blocks it for 24 h when external and malicious (CrowdSec or a firewall). If an account was accessed, asks a manager to disable it and revoke its sessions.",
  trigger: { category: "brute_force", observables: ["ip"] },
  async run(ctx) {
    const sources = pickObservables(ctx.alert, "ip", { notRoles: ["dst", "target", "host", "compromised"] });
    const external = sources.filter(isPublicIp).slice(0, MAX_IPS);
    const internal = sources.filter((ip) => !isPublicIp(ip));
    const lines: string[] = [];
    if (internal.length) lines.push(`Internal source ${internal.join(", ")}: not blocked (internal addresses never are).`);

    const blocked: string[] = [];
    for (const ip of external) {
      const intel = await ctx.step(`enrich ${ip}`, () => settle(() => ctx.integrations.enrichment.lookup({ type: "ip", value: ip })));
      const verdict = intel.ok ? (intel.value.verdict ?? "unknown") : "unknown";
      if (verdict !== "malicious") {
        lines.push(`${ip}: verdict ${verdict}${intel.ok ? "" : ` (enrichment failed: ${intel.error})`}; not blocked.`);
        continue;
      }
      const block = await ctx.step(`block ${ip}`, () => ctx.integrations.network.blockIp({ ip, duration: "24h", reason: `brute force (${ctx.alert?.title ?? "alert"})` }));
      if (block.blocked) blocked.push(ip);
      lines.push(block.blocked ? `${ip}: malicious; blocked for 24 h on ${block.connection}.` : `${ip}: malicious but not blocked: ${block.reason}.`);
    }

    const user = pickObservables(ctx.alert, "user")[0];
    const text = alertText(ctx.alert);
    const accessed = Boolean(user) && ACCESSED.test(text) && !NOT_ACCESSED.test(text);
    let account = "no account was accessed";
    if (accessed && user) {
      const decision = await ctx.approval("disable breached account", {
        title: `Disable ${user} and revoke its sessions`,
        description: `The brute force from ${sources.join(", ") || "an unknown source"} ended in a successful sign-in as ${user}.`,
        role: "manager",
        expiresIn: "4h",
        onTimeout: "reject",
        params: { user, sourceIps: sources },
      });
      if (decision.approved) {
        const disabled = await ctx.step("disable account", () => settle(() => ctx.integrations.identity.disableUser({ user, reason: "brute force succeeded" })));
        const revoked = await ctx.step("revoke sessions", () => settle(() => ctx.integrations.identity.revokeSessions({ user, reason: "brute force succeeded" })));
        account = `${user}: ${disabled.ok ? "disabled" : `disable failed (${disabled.error})`}, ${revoked.ok ? "sessions revoked" : `session revoke failed (${revoked.error})`} (approved by ${decision.by})`;
      } else {
        account = `${user}: disabling was ${decision.status} by ${decision.by}${decision.reason ? ` (${decision.reason})` : ""}; the account stays enabled`;
      }
    }
    lines.push(`Account: ${account}.`);
    await ctx.comment(`Brute force outcome:\n${lines.map((l) => `- ${l}`).join("\n")}`);
    return { blocked, accessed, user: user ?? null };
  },
});
