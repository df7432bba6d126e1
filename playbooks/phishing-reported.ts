// Shipped playbook: a reported or detected phish (Defender, Sentinel, or a generic JSON report
// such as { "title": "Phishing reported", "category": "phishing", "sender": "...", "recipient":
// "<reporter>", "url": [...], "sha256": [...] }). Enriches the URLs and attachment hashes; when
// something is malicious, blocks what can be blocked (the sender's public IP, URLs on a bare IP,
// and, where a connection can block domains, the sender's domain and the malicious URLs' hosts)
// and lists the domains left to block on mail/DNS filters; then tells the reporter what was found.
// Domains of shared mail and hosting providers (gmail.com, docs.google.com, ...) are never blocked
// by domain: the phish is one account or file there, and blocking the provider would cut off far more.
// Nor is the reporter's own mail domain (a spoofed internal sender): that is the organisation.
import { definePlaybook, pickObservables, settle } from "@/server/engine";
import { blockDomains } from "@/server/integrations/network/block-domains";
import { withinDomain } from "@/server/integrations/network/domain-target";
import { isPublicIp } from "@/server/integrations/network/internal-ip";

const MAX_URLS = 10;
const MAX_HASHES = 10;
const hasAt = (v: string) => v.includes("@");

/** Shared providers a phish often comes from or links to; blocking one by domain hurts everyone. */
const SHARED_PROVIDERS = [
  "gmail.com", "googlemail.com", "google.com", "googleusercontent.com", "outlook.com", "hotmail.com", "live.com", "office.com", "microsoft.com",
  "sharepoint.com", "onedrive.com", "1drv.ms", "yahoo.com", "icloud.com", "aol.com", "gmx.com", "gmx.net", "proton.me", "protonmail.com",
  "dropbox.com", "box.com", "github.com", "githubusercontent.com", "amazonaws.com", "cloudfront.net", "azurewebsites.net", "windows.net",
  "firebaseapp.com", "web.app", "pages.dev", "workers.dev", "netlify.app", "vercel.app", "wetransfer.com",
];
const isSharedProvider = (domain: string) => SHARED_PROVIDERS.some((p) => withinDomain(domain.toLowerCase(), p));

/** Step names are at most 200 characters and unique: long URLs are cut and numbered. */
const label = (value: string, n: number) => (value.length <= 150 ? value : `${value.slice(0, 140)}… #${n}`);

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return null;
  }
}

export default definePlaybook({
  id: "phishing-reported",
  title: "Phishing: enrich links and attachments, block, tell the reporter",
  description:
    "Enriches URLs and attachment hashes; if malicious, blocks the sender IP and IP-hosted URLs, and the sender and URL domains where a connection can block domains (else lists them); emails the reporter the verdict.",
  trigger: { category: "phishing" },
  async run(ctx) {
    const sender = pickObservables(ctx.alert, "email", { roles: ["src", "sender"] })[0] ?? null;
    const reporter =
      pickObservables(ctx.alert, "email", { roles: ["dst", "reporter", "recipient"] })[0] ?? pickObservables(ctx.alert, "user", { roles: ["destination", "dst", "none"], where: hasAt })[0] ?? null;
    const urls = pickObservables(ctx.alert, "url").slice(0, MAX_URLS);
    const hashes = [...pickObservables(ctx.alert, "sha256"), ...pickObservables(ctx.alert, "sha1"), ...pickObservables(ctx.alert, "md5")].slice(0, MAX_HASHES);

    const malicious: string[] = [];
    const findings: string[] = [];
    for (const [type, values] of [["url", urls], ["hash", hashes]] as const) {
      for (const [n, value] of values.entries()) {
        const kind = type === "url" ? "url" : value.length === 64 ? "sha256" : value.length === 40 ? "sha1" : "md5";
        const intel = await ctx.step(`enrich ${label(value, n + 1)}`, () => settle(() => ctx.integrations.enrichment.lookup({ type: kind, value })));
        const verdict = intel.ok ? (intel.value?.verdict ?? "unknown") : "unknown";
        if (verdict === "malicious") malicious.push(value);
        findings.push(`${type === "url" ? "URL" : "Attachment"} ${value}: ${verdict}${intel.ok ? "" : ` (enrichment failed: ${intel.error})`}.`);
      }
    }

    const actions: string[] = [];
    if (malicious.length) {
      const senderIps = pickObservables(ctx.alert, "ip", { roles: ["src", "none"], where: isPublicIp });
      const urlIps = malicious.map(hostOf).filter((h): h is string => h !== null && isPublicIp(h));
      for (const ip of [...new Set([...senderIps, ...urlIps])].slice(0, 5)) {
        const block = await ctx.step(`block ${ip}`, () => ctx.integrations.network.blockIp({ ip, duration: "24h", reason: "phishing infrastructure" }));
        actions.push(block.blocked ? `${ip}: blocked for 24 h on ${block.connection}.` : `${ip}: not blocked: ${block.reason}.`);
      }
      const domains = [...new Set([sender?.split("@")[1], ...malicious.map(hostOf)].filter((d): d is string => Boolean(d) && !isPublicIp(d!)))];
      const ownDomain = reporter?.split("@")[1]?.toLowerCase();
      const isOwn = (d: string) => ownDomain !== undefined && (withinDomain(d.toLowerCase(), ownDomain) || withinDomain(ownDomain, d.toLowerCase()));
      const own = domains.filter(isOwn);
      if (own.length) actions.push(`Not blocked by domain (the reporter's own mail domain; check for spoofing): ${own.join(", ")}.`);
      const shared = domains.filter((d) => !isOwn(d) && isSharedProvider(d));
      if (shared.length) actions.push(`Not blocked by domain (shared provider; report the account or file to the provider): ${shared.join(", ")}.`);
      const dns = await blockDomains(ctx, domains.filter((d) => !isOwn(d) && !isSharedProvider(d)), { duration: "24h", reason: "phishing infrastructure" });
      actions.push(...dns.lines);
      if (dns.unconfigured.length) actions.push(`Block on your mail and DNS filters (no domain-blocking integration is available): ${dns.unconfigured.join(", ")}.`);
    }

    const verdictText = malicious.length ? `malicious (${malicious.length} of ${urls.length + hashes.length} link(s)/attachment(s))` : urls.length + hashes.length ? "nothing known to be malicious" : "no links or attachments to check";
    let notified = "no reporter address in the alert";
    if (reporter) {
      const sent = await ctx.step("notify reporter", () =>
        settle(() =>
          ctx.integrations.email.send({
            to: [reporter],
            subject: "Thank you for reporting a suspicious email",
            text: `The email you reported${sender ? ` from ${sender}` : ""} was checked: ${verdictText}.${malicious.length ? " Do not open its links or attachments; the security team has blocked what it could." : " The security team will still review it."}`,
          }),
        ),
      );
      notified = sent.ok ? `reporter ${reporter} notified` : `could not notify ${reporter}: ${sent.error}`;
    }
    await ctx.comment(`Phishing${sender ? ` from ${sender}` : ""}: ${verdictText}.\n${[...findings, ...actions, `Reporter: ${notified}.`].map((l) => `- ${l}`).join("\n")}`);
    return { sender, reporter, malicious };
  },
});
