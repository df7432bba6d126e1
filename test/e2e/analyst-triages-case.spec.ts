// Story: an analyst triages a brute-force case: opens it from the list, sees the playbook's
// steps, acknowledges (keyboard), assigns it to herself, comments (markdown, rendered safely),
// and resolves it. Every change is in the audit log.
import { expect, test } from "@playwright/test";
import { asc, eq } from "drizzle-orm";
import { auditLog } from "../../src/server/db/schema";
import { e2eDb, e2eSource, e2eUser, screenshot, signIn } from "./helpers";

test("analyst triages a brute-force case", async ({ page, request }) => {
  const ana = await e2eUser("analyst", "Ana Lee");
  const siem = await e2eSource("vpn-siem");
  const title = `Brute force against erin on VPN ${Date.now()}`;
  const { caseId } = await siem.post(request, { id: `bf-${Date.now()}`, title, severity: "high", category: "brute_force", user: "erin", src_ip: "198.51.100.77" });

  await signIn(page, ana.email, ana.password);
  await page.goto("/cases");
  // Find it by its IP, then open it from the keyboard: Escape leaves the search field, j selects
  // the first row, o opens it.
  await page.getByTestId("case-search").fill("198.51.100.77");
  await page.getByTestId("case-search").press("Enter");
  await expect(page.getByTestId("case-row")).toHaveCount(1);
  await expect(page.getByTestId("case-row")).toContainText(title);
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await expect(page.getByTestId("case-row").first()).toHaveAttribute("data-active", "true");
  await page.keyboard.press("o");
  await expect(page.getByTestId("case-title")).toHaveText(title);

  // The playbook that ran on the new case, with its journaled step.
  await expect(page.getByTestId("run-step").filter({ hasText: "summarize observables" })).toBeVisible();
  await expect(page.getByTestId("run").locator("[data-status]").first()).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("case-observables")).toContainText("198.51.100.77");
  await expect(page.getByTestId("sla-ack")).toHaveAttribute("data-state", "running");

  // Keyboard: "?" shows the shortcuts, "a" acknowledges.
  await page.keyboard.press("?");
  await expect(page.getByTestId("keyboard-help")).toContainText("Acknowledge");
  await screenshot(page, "keyboard-help", false);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("keyboard-help")).toBeHidden(); // the key must reach the page, not the closing dialog
  await page.keyboard.press("a");
  await expect(page.getByTestId("case-status")).toHaveText("triage");
  await expect(page.getByTestId("sla-ack")).toHaveAttribute("data-state", "met");

  await page.getByRole("toolbar", { name: "Case actions" }).getByLabel("Assignee").selectOption({ label: "Ana Lee" });
  await expect(page.getByTestId("case-assignee")).toContainText("Ana Lee");

  await page.getByTestId("comment-input").fill("Source IP is a **known scanner**; see [intel](https://intel.example/198.51.100.77) and [this](javascript:alert(1)) <img src=x onerror=alert(2)>");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("timeline-entry").filter({ hasText: "known scanner" });
  await expect(comment.locator("strong")).toHaveText("known scanner");
  await expect(comment.getByRole("link", { name: "intel" })).toHaveAttribute("href", "https://intel.example/198.51.100.77");
  await expect(comment.locator("a[href^='javascript']")).toHaveCount(0);
  await expect(comment.locator("img")).toHaveCount(0);
  await page.getByText("Raw payload").first().click();
  await expect(page.getByTestId("raw-payload").first()).toContainText('"src_ip": "198.51.100.77"');
  await screenshot(page, "case-triage");

  await page.getByRole("toolbar", { name: "Case actions" }).getByLabel("Status").selectOption({ label: "Resolved" });
  await expect(page.getByTestId("case-status")).toHaveText("resolved");
  await expect(page.getByTestId("sla-resolve")).toHaveAttribute("data-state", "met");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "changed status triage → resolved" })).toBeVisible();
  await screenshot(page, "case-resolved");

  const audit = await e2eDb().select({ action: auditLog.action, actor: auditLog.actor }).from(auditLog).where(eq(auditLog.subject, `case:${caseId}`)).orderBy(asc(auditLog.id));
  expect(audit).toEqual(["case.acknowledged", "case.assigned", "case.comment", "case.status_changed"].map((action) => ({ action, actor: `user:${ana.id}` })));
});
