// Story: the first admin signs in, a SIEM sends an alert, and the admin sees the case with its
// completed playbook run.
import { expect, test } from "@playwright/test";
import { createSource } from "../../src/server/intake/sources";
import { e2eDb, e2eEnv, signIn } from "./helpers";

test("admin sees the case and the completed run for a webhook alert", async ({ page, request }) => {
  const env = e2eEnv();
  const source = await e2eDb().transaction((tx) => createSource(tx, "test", { slug: "e2e-siem" }));

  await signIn(page, env.adminEmail, env.adminPassword);
  await expect(page.getByRole("heading", { name: "Cases" })).toBeVisible();

  const res = await request.post(`/api/webhooks/${source.slug}`, {
    headers: { authorization: `Bearer ${source.secret}`, "content-type": "application/json" },
    data: { id: "e2e-1", title: "Brute force against alice on VPN", severity: "high", category: "brute_force", user: "alice", src_ip: "198.51.100.23" },
  });
  expect(res.status()).toBe(202);
  const { caseId } = (await res.json()) as { caseId: string };

  await page.goto("/cases");
  await page.getByRole("link", { name: "Brute force against alice on VPN" }).click();
  await expect(page.getByTestId("case-title")).toHaveText("Brute force against alice on VPN");
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  const run = page.getByTestId("run");
  await expect(run.getByText("Alert summary")).toBeVisible();
  await expect(run.locator("[data-status]").first()).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("run-step").filter({ hasText: "summarize observables" })).toBeVisible();
  await expect(page.getByTestId("case-observables")).toContainText("198.51.100.23");
  await expect(page.getByTestId("case-timeline")).toContainText("Triage summary");
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
  await page.screenshot({ path: "test-results/screenshots/case-page.png", fullPage: true });
});
