// Stories: an admin adds an alert source, sees its secret once, and the alerts page shows an alert
// sent with it; then a payload the source cannot read lands in Ingest failures, the admin fixes
// the field mapping and replays it.
import { expect, test } from "@playwright/test";
import { e2eEnv, signIn } from "./helpers";

test("admin adds a source, sees its secret once, and the alerts page shows an alert sent to it", async ({ page, request }) => {
  const env = e2eEnv();
  await signIn(page, env.adminEmail, env.adminPassword);
  await page.getByTestId("admin-menu").click();
  await page.getByRole("link", { name: "Alert sources" }).click();
  await expect(page.getByRole("heading", { name: "Alert sources" })).toBeVisible();

  const form = page.getByTestId("create-source");
  await form.getByLabel("Slug").fill("e2e-edr");
  await form.getByLabel("Name").fill("EDR (e2e)");
  await form.getByLabel("Authentication").selectOption("token");
  await form.getByRole("button", { name: "Add source" }).click();
  const secret = (await page.getByTestId("source-secret-value").textContent())!.trim();
  expect(secret).toMatch(/^vgl_/);
  await expect(page.getByTestId("source-secret")).toContainText("shown only now");
  await expect(page.locator('[data-testid="source-row"][data-slug="e2e-edr"]')).toContainText("Bearer token");
  await page.screenshot({ path: "test-results/screenshots/settings-sources.png", fullPage: true });

  const res = await request.post("/api/webhooks/e2e-edr", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: { id: "edr-42", title: "Credential dumping on ws-42", severity: "critical", category: "credential_access", host: "ws-42", user: "CORP\\mallory", sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" },
  });
  expect(res.status()).toBe(202);

  await page.reload();
  await expect(page.getByTestId("source-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  await page.getByRole("link", { name: "Alerts" }).click();
  const row = page.getByTestId("alert-row").filter({ hasText: "Credential dumping on ws-42" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("e2e-edr");
  await expect(row).toContainText("critical");
  await expect(row.getByTestId("alert-observable").filter({ hasText: "ws-42" })).toBeVisible();
  await expect(row.getByRole("link", { name: /#\d+/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/alerts.png", fullPage: true });

  await row.getByRole("link", { name: /#\d+/ }).click();
  await expect(page.getByTestId("case-title")).toHaveText("Credential dumping on ws-42");
});

test("admin fixes a source's field mapping and replays the alert it could not read", async ({ page, request }) => {
  const env = e2eEnv();
  await signIn(page, env.adminEmail, env.adminPassword);
  await page.goto("/settings/sources");
  const form = page.getByTestId("create-source");
  await form.getByLabel("Slug").fill("e2e-custom");
  await form.getByRole("button", { name: "Add source" }).click();
  const secret = (await page.getByTestId("source-secret-value").textContent())!.trim();

  const res = await request.post("/api/webhooks/e2e-custom", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: { detection: { label: "Outbound to known C2" }, lvl: "high", src: "10.9.8.7" },
  });
  expect(res.status()).toBe(400);

  const settingsNav = page.getByRole("navigation", { name: "Settings" });
  await settingsNav.getByRole("link", { name: "Ingest failures" }).click();
  const failure = page.getByTestId("failure").filter({ hasText: "e2e-custom" });
  await expect(failure).toContainText("title: missing");

  await settingsNav.getByRole("link", { name: "Alert sources" }).click();
  await page.locator('[data-testid="source-row"][data-slug="e2e-custom"]').getByRole("button", { name: "Edit" }).click();
  await page.getByTestId("source-editor").getByLabel(/Field mapping/).fill('{"title":"$.detection.label","severity":"$.lvl","observables":{"ip":["$.src"]}}');
  await page.getByTestId("source-editor").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("source-editor")).toHaveCount(0);

  await settingsNav.getByRole("link", { name: "Ingest failures" }).click();
  await page.getByLabel("Only those not replayed yet").uncheck();
  await failure.getByRole("button", { name: "Replay" }).click();
  await expect(failure).toContainText("replayed: 1 alert(s)");
  await page.screenshot({ path: "test-results/screenshots/ingest-failures.png", fullPage: true });

  await settingsNav.getByRole("link", { name: "Grouping rules" }).click();
  await expect(page.getByTestId("grouping-rule")).toContainText("Same source rule and principal observable within 1 h");
  await page.screenshot({ path: "test-results/screenshots/grouping-rules.png", fullPage: true });

  await page.goto("/alerts");
  await expect(page.getByTestId("alert-row").filter({ hasText: "Outbound to known C2" })).toContainText("10.9.8.7");
});
