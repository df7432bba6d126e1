// Story: an analyst sees that two cases are one incident and merges them from the case page,
// then splits alerts out again: the merged-in alert goes back to its own case, another alert
// starts a new case. Timelines and the audit trail record each move.
import { expect, test } from "@playwright/test";
import { asc, eq, inArray } from "drizzle-orm";
import { auditLog, cases } from "../../src/server/db/schema";
import { e2eDb, e2eSource, e2eUser, screenshot, signIn } from "./helpers";

test("analyst merges two cases and splits alerts out", async ({ page, request }) => {
  const db = e2eDb();
  const ana = await e2eUser("analyst", "Ana Merge");
  const edr = await e2eSource("edr");
  const tag = Date.now() % 100_000;
  const host = `ws-${tag}.corp.example`;
  // Two alerts on one host group into case A; a mail alert for the same user opens case B.
  const a = await edr.post(request, { id: `m-${tag}-1`, title: `Beacon to rare domain from ${host}`, severity: "medium", category: "c2", host, user: "fred" });
  const a2 = await edr.post(request, { id: `m-${tag}-2`, title: `Credential dump on ${host}`, severity: "high", category: "c2", host, user: "fred" });
  expect(a2.caseId).toBe(a.caseId);
  const b = await edr.post(request, { id: `m-${tag}-3`, title: `Phishing mail opened by fred ${tag}`, severity: "low", category: "phishing", user: `fred-${tag}` });
  expect(b.caseId).not.toBe(a.caseId);
  const numbers = new Map((await db.select({ id: cases.id, number: cases.number }).from(cases).where(inArray(cases.id, [a.caseId, b.caseId]))).map((c) => [c.id, c.number]));
  const numberB = numbers.get(b.caseId)!;

  await signIn(page, ana.email, ana.password);
  await page.goto(`/cases/${a.caseId}`);
  await expect(page.getByTestId("case-alerts")).toContainText("Alerts (2)");
  await page.getByRole("button", { name: "Merge a case…" }).click();
  const dialog = page.getByTestId("merge-dialog");
  await dialog.getByLabel("Case number to merge").fill(String(numbers.get(a.caseId)));
  await expect(dialog.getByRole("alert")).toHaveText("A case cannot be merged into itself.");
  await dialog.getByLabel("Case number to merge").fill("999999999");
  await expect(dialog.getByRole("alert")).toContainText("Case #999999999:");
  await dialog.getByLabel("Case number to merge").fill(`#${numberB}`);
  await expect(dialog.getByTestId("merge-preview")).toContainText(`Phishing mail opened by fred ${tag}`);
  await screenshot(page, "case-merge-dialog", false);
  await dialog.getByRole("button", { name: `Merge #${numberB} into #${numbers.get(a.caseId)}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("case-alerts")).toContainText("Alerts (3)");
  const mergedAlert = page.getByTestId("case-alert").filter({ hasText: `Phishing mail opened by fred ${tag}` });
  await expect(mergedAlert).toContainText("merged in");
  await expect(page.getByTestId("case-observables")).toContainText(`fred-${tag}`);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: `#${numberB}` }).first()).toBeVisible();
  await screenshot(page, "case-merged");

  // Case B now points at A.
  await page.goto(`/cases/${b.caseId}`);
  await expect(page.getByTestId("merged-into")).toBeVisible();
  await page.getByTestId("merged-into").click();
  await expect(page).toHaveURL(new RegExp(`/cases/${a.caseId}$`));

  // Split the merged-in alert out: it goes back to B, which is a case of its own again.
  await mergedAlert.getByRole("button", { name: /^Split out/ }).click();
  await expect(page.getByTestId("split-result")).toContainText(`case #${numberB}`);
  await expect(page.getByTestId("case-alerts")).toContainText("Alerts (2)");
  await expect.poll(async () => (await db.select({ m: cases.mergedIntoId }).from(cases).where(eq(cases.id, b.caseId)))[0]?.m).toBeNull();

  // Split one of A's own alerts: it starts a new case.
  await page.getByTestId("case-alert").filter({ hasText: `Credential dump on ${host}` }).getByRole("button", { name: /^Split out/ }).click();
  await expect(page.getByTestId("case-alerts")).toContainText("Alerts (1)");
  await expect(page.getByTestId("case-alert").getByRole("button", { name: /^Split out/ })).toHaveCount(0); // a case keeps its last alert
  await page.getByTestId("split-result").getByRole("link").click();
  await expect(page.getByTestId("case-title")).toHaveText(/Credential dump/);
  await expect(page.locator("header", { has: page.getByTestId("case-title") })).toContainText(`from ${edr.slug}`); // the new case keeps its alert's source
  await expect(page.getByTestId("case-alerts")).toContainText("Alerts (1)");
  await screenshot(page, "case-split-new");

  const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subject, `case:${a.caseId}`)).orderBy(asc(auditLog.id));
  expect(audit.map((r) => r.action)).toEqual(["case.merge", "case.split", "case.split"]);
});
