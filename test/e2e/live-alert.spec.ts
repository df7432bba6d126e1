// Story: an analyst watching the cases list sees a new alert's case appear without reloading,
// and on an open case page a further alert arrives live (server-sent events over LISTEN/NOTIFY).
import { expect, test } from "@playwright/test";
import { e2eSource, e2eUser, screenshot, signIn } from "./helpers";

test("analyst sees a new alert appear live on the cases list without reload", async ({ page, request }) => {
  const ana = await e2eUser("analyst", "Ana Live");
  const siem = await e2eSource("live-siem");
  await signIn(page, ana.email, ana.password);
  await page.goto("/cases");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  // A marker on the window: a reload or navigation would lose it.
  await page.evaluate(() => ((window as unknown as { vigilMarker: string }).vigilMarker = "same page"));
  const newCount = Number(await page.getByTestId("count-new").locator("span").first().textContent());

  const title = `Malware beacon from ws-${Date.now() % 10_000}`;
  await siem.post(request, { id: `live-${Date.now()}`, title, severity: "critical", category: "malware", host: "ws-7.corp.example" });
  await expect(page.getByTestId("case-row").filter({ hasText: title })).toBeVisible();
  await expect(page.getByTestId("count-new").locator("span").first()).toHaveText(String(newCount + 1));
  expect(await page.evaluate(() => (window as unknown as { vigilMarker?: string }).vigilMarker)).toBe("same page");
  await screenshot(page, "cases-live");

  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("case-alerts")).toContainText("Alerts (1)");
  await page.evaluate(() => ((window as unknown as { vigilMarker: string }).vigilMarker = "case page"));
  await siem.post(request, { id: `live-2-${Date.now()}`, title: "Second beacon", severity: "critical", category: "malware", host: "ws-7.corp.example" });
  await expect(page.getByTestId("case-alerts")).toContainText("Alerts (2)");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Second beacon" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { vigilMarker?: string }).vigilMarker)).toBe("case page");
});
