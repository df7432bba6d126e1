// Story: an analyst opens a phishing case and enriches its observables with AbuseIPDB,
// VirusTotal and GreyNoise (local fakes of their APIs); the verdicts appear on the case page.
import { expect, test } from "@playwright/test";
import { createConnection } from "../../src/server/integrations/connections";
import { createSource } from "../../src/server/intake/sources";
import { startAbuseIpdbFake, startGreyNoiseFake, startVirusTotalFake } from "../fakes/enrichment";
import { e2eDb, e2eEnv, signIn } from "./helpers";

test("analyst enriches a case's observables and sees the verdicts", async ({ page, request }) => {
  const env = e2eEnv();
  const db = e2eDb();
  const [abuse, vt, gn] = await Promise.all([
    startAbuseIpdbFake({ scores: { "198.51.100.66": 97 } }),
    startVirusTotalFake({ malicious: { "login-micros0ft.example": 14 } }),
    startGreyNoiseFake({ noisy: { "198.51.100.66": "malicious" } }),
  ]);
  try {
    for (const [integration, fake, name] of [["abuseipdb", abuse, "abuseipdb-e2e"], ["virustotal", vt, "virustotal-e2e"], ["greynoise", gn, "greynoise-e2e"]] as const)
      await db.transaction((tx) => createConnection(tx, "test", { integration, name, config: { apiBase: fake.url, allowPrivateNetwork: true }, secret: { apiKey: fake.key } }));
    const source = await db.transaction((tx) => createSource(tx, "test", { slug: "e2e-mail-gw" }));
    const res = await request.post(`/api/webhooks/${source.slug}`, {
      headers: { authorization: `Bearer ${source.secret}`, "content-type": "application/json" },
      data: { id: "phish-1", title: "Phishing link clicked by bob", severity: "high", category: "phishing", user: "bob", src_ip: "198.51.100.66", domain: "login-micros0ft.example" },
    });
    expect(res.status()).toBe(202);

    await signIn(page, env.adminEmail, env.adminPassword);
    await page.goto("/cases");
    await page.getByRole("link", { name: "Phishing link clicked by bob" }).click();
    const panel = page.getByTestId("case-observables");
    await expect(panel.getByTestId("observable")).toHaveCount(3);
    await expect(panel).toContainText("not enriched");

    await panel.getByTestId("enrich-case").click();
    const ip = panel.getByTestId("observable").filter({ hasText: "198.51.100.66" });
    await expect(ip.getByTestId("enrichment-result")).toHaveCount(3);
    await expect(ip.locator("[data-verdict]").first()).toHaveAttribute("data-verdict", "malicious");
    await expect(ip).toContainText("Abuse confidence 97% from 42 report(s)");
    const domain = panel.getByTestId("observable").filter({ hasText: "login-micros0ft.example" });
    await expect(domain).toContainText("14/70 engines flag it malicious");
    // One panel: enrichment and "appears in N other cases" side by side, not two lists.
    await expect(page.getByTestId("case-observables")).toHaveCount(1);
    await expect(ip).toContainText("only here");
    await page.screenshot({ path: "test-results/screenshots/case-enrichment.png", fullPage: true });
  } finally {
    await Promise.all([abuse.stop(), vt.stop(), gn.stop()]);
  }
});
