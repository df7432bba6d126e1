// The connection form of every network, notification and enrichment system is derived from its
// schemas: check the fields an admin needs are there, with the right widgets.
import { describe, expect, it } from "vitest";
import { formFields } from "@/server/integrations/form-fields";
import { getIntegration } from "@/server/integrations/registry";

const fields = (id: string, part: "config" | "secret") => {
  const integration = getIntegration(id)!;
  return Object.fromEntries(formFields(integration[part], { secret: part === "secret" }).map((f) => [f.key, f]));
};

describe("connection forms of the network, notification and enrichment systems", () => {
  it("network systems carry the network guardrails as their own fieldset", () => {
    for (const id of ["crowdsec", "nftables", "panos", "fortigate", "cloudflare"]) {
      const f = fields(id, "config");
      expect(f["network.ownEgress"]).toMatchObject({ type: "lines", group: "Network guardrails" });
      expect(f["network.overrideRanges"]).toMatchObject({ type: "lines", label: "Admin override: blockable protected ranges" });
      expect(f["network.maxBlockDuration"]).toMatchObject({ type: "text", default: "7d" });
      expect(f["guardrails.maxPerHourPerConnection"]).toMatchObject({ type: "number" });
    }
  });

  it("FortiGate offers a domain address group and every network connection its own/allow-listed domains", () => {
    const f = fields("fortigate", "config");
    expect(f.domainGroup).toMatchObject({ required: false, label: "Domain address group" });
    expect(f["network.ownDomains"]).toMatchObject({ type: "lines", group: "Network guardrails", label: "Own and allow-listed domains" });
  });

  it("nftables asks for a pinned host key and a private key in a text area", () => {
    expect(fields("nftables", "config").hostKey).toMatchObject({ required: true, label: "Pinned host key" });
    expect(fields("nftables", "secret").privateKey).toMatchObject({ type: "textarea", required: true });
  });

  it("credentials are password fields", () => {
    expect(fields("crowdsec", "secret").password).toMatchObject({ type: "password" });
    expect(fields("slack", "secret").webhookUrl).toMatchObject({ type: "password" });
    expect(fields("virustotal", "secret").apiKey).toMatchObject({ type: "password" });
  });

  it("enrichment systems default to their provider's public API and plan quota", () => {
    expect(fields("virustotal", "config")).toMatchObject({ apiBase: { default: "https://www.virustotal.com" }, perMinute: { default: 4 }, perDay: { default: 500 }, ttl: { default: "24h" } });
    expect(fields("email", "config").security).toMatchObject({ type: "select", options: ["starttls", "tls", "none"] });
  });
});
