// Story: a noisy scanner opened several cases at once. The analyst filters the list by the
// scanner's IP, selects the cases from the keyboard (j, x) and with a checkbox, assigns them to
// herself and closes them as false positives in one go; the counts and the rows follow.
import { expect, test } from "@playwright/test";
import { inArray } from "drizzle-orm";
import { cases } from "../../src/server/db/schema";
import { e2eDb, e2eSource, e2eUser, screenshot, signIn } from "./helpers";

test("analyst assigns and closes a burst of cases in bulk", async ({ page, request }) => {
  const ana = await e2eUser("analyst", "Ana Bulk");
  const ids = await e2eSource("ids");
  const tag = Date.now() % 100_000;
  const ip = `198.18.${Math.floor(tag / 250) % 250}.${tag % 250}`;
  const caseIds: string[] = [];
  for (const [i, category] of ["recon", "web_attack", "brute_force"].entries())
    caseIds.push((await ids.post(request, { id: `burst-${tag}-${i}`, title: `Scanner ${ip} probe ${i + 1}`, severity: "low", category, src_ip: ip, user: `svc-${i}-${tag}` })).caseId);
  expect(new Set(caseIds).size).toBe(3);

  await signIn(page, ana.email, ana.password);
  await page.goto(`/cases?observable=${encodeURIComponent(ip)}`);
  const rows = page.getByTestId("case-row");
  await expect(rows).toHaveCount(3);
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await rows.nth(2).getByRole("checkbox").check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("3 selected");
  await bar.getByLabel("Assign selected cases to").selectOption({ label: "Ana Bulk" });
  await bar.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByText("3 cases assigned")).toBeVisible();
  for (const i of [0, 1, 2]) await expect(rows.nth(i)).toContainText("Ana Bulk");

  await page.getByLabel("Select all cases on this page").check();
  await bar.getByLabel("Close selected cases as").selectOption("false_positive");
  await screenshot(page, "cases-bulk", false);
  await bar.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByText("3 cases closed")).toBeVisible();
  await expect(page.getByTestId("cases-empty")).toBeVisible(); // the open-cases view has none left for this IP

  const rowsInDb = await e2eDb().select({ status: cases.status, assigneeId: cases.assigneeId }).from(cases).where(inArray(cases.id, caseIds));
  expect(rowsInDb).toEqual(Array(3).fill({ status: "false_positive", assigneeId: ana.id }));
});
