// Story: a playbook on a case asks for approval before disabling an account. A manager opens the
// approvals inbox, sees exactly which account and who asked, approves with a reason, and the run
// continues to the end. The manager who started the run by hand cannot approve it themselves.
import { expect, test } from "@playwright/test";
import { asc, eq } from "drizzle-orm";
import { approvals, auditLog, playbookRuns, playbooks } from "../../src/server/db/schema";
import { approvalLinkFor } from "../../src/server/engine/approval-links";
import { startRun } from "../../src/server/engine/runs";
import { createSource } from "../../src/server/intake/sources";
import { seedUser, TEST_PASSWORD } from "../helpers/fixtures";
import { e2eDb, e2eEnv, signIn } from "./helpers";

const shot = (name: string) => `test-results/screenshots/${name}.png`;
const pathOf = (url: string) => new URL(url).pathname;

test("manager approves a gated step from the inbox and the run continues", async ({ page, request }) => {
  const db = e2eDb();
  const requester = await seedUser(db, "manager");
  const manager = await seedUser(db, "manager");
  const source = await db.transaction((tx) => createSource(tx, "test", { slug: "e2e-gated" }));
  const res = await request.post(`/api/webhooks/${source.slug}`, {
    headers: { authorization: `Bearer ${source.secret}`, "content-type": "application/json" },
    data: { id: "gated-1", title: "Impossible travel for alice", severity: "high", category: "impossible_travel", user: "alice", src_ip: "203.0.113.50" },
  });
  expect(res.status()).toBe(202);
  const { caseId } = (await res.json()) as { caseId: string };
  const runId = await db.transaction((tx) => startRun(tx, { playbookId: "e2e-gated-disable", caseId, requestedBy: requester.id, input: { user: "alice" }, actor: `user:${requester.id}` }));
  await expect.poll(async () => (await db.select().from(approvals).where(eq(approvals.runId, runId)))[0]?.status).toBe("pending");

  // The requester sees the approval but cannot decide it.
  await signIn(page, requester.email, TEST_PASSWORD);
  await page.goto("/approvals");
  const card = page.getByTestId("approval-card").filter({ hasText: "Disable alice in corp.example" });
  await expect(card.getByTestId("cannot-decide")).toHaveText("you requested this run; another approver must decide (separation of duties)");
  await page.context().clearCookies();

  await signIn(page, manager.email, TEST_PASSWORD);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-status").locator("[data-status]")).toHaveAttribute("data-status", "waiting");
  await expect(page.getByTestId("waiting-approval")).toContainText("Disable alice in corp.example");
  await expect(page.locator('[data-step="approve disable"] [data-status]')).toHaveAttribute("data-status", "waiting");
  await page.screenshot({ path: shot("run-waiting"), fullPage: true });
  await page.getByRole("link", { name: "Decide in the approvals inbox" }).click();
  await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();
  await expect(card.getByTestId("approval-params")).toContainText("alice");
  await expect(card.getByTestId("approval-params")).toContainText("corp.example");
  await expect(card.getByTestId("approval-requester")).toHaveText(`requested by ${requester.name} (${requester.email})`);
  await expect(card.getByTestId("approval-quorum")).toHaveText("needs 1 manager · 0 of 1 approved so far");
  await page.screenshot({ path: shot("approvals-inbox"), fullPage: true });

  await card.getByLabel(/Reason/).fill("Confirmed with the account owner's manager");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("decided-approvals").getByTestId("approval-card").filter({ hasText: "Disable alice" })).toHaveAttribute("data-status", "approved");
  await expect.poll(async () => (await db.select().from(playbookRuns).where(eq(playbookRuns.id, runId)))[0]?.status).toBe("succeeded");
  await page.screenshot({ path: shot("approvals-decided"), fullPage: true });

  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-title")).toHaveText("Disable an account after approval");
  await expect(page.getByTestId("run-status").locator("[data-status]")).toHaveAttribute("data-status", "succeeded");
  const journal = page.getByTestId("journal-step");
  await expect(journal).toHaveCount(4);
  await expect(page.locator('[data-step="approve disable"]')).toContainText(manager.name);
  await expect(page.locator('[data-step="disable account"] [data-status]')).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("run-output")).toContainText('"disabled":true');
  await page.screenshot({ path: shot("run-detail"), fullPage: true });

  await page.goto("/runs");
  await expect(page.getByTestId("run-row").filter({ has: page.locator(`a[href="/runs/${runId}"]`) })).toContainText("Disable an account after approval");
  await page.screenshot({ path: shot("runs-list"), fullPage: true });

  await page.goto("/playbooks");
  await expect(page.locator('[data-playbook="e2e-gated-disable"]')).toContainText("started by hand");
  await page.screenshot({ path: shot("playbooks"), fullPage: true });
  await page.locator('[data-playbook="e2e-gated-disable"]').getByRole("link").click();
  await expect(page.getByTestId("playbook-source")).toContainText('id: "e2e-gated-disable"');
  await page.screenshot({ path: shot("playbook-detail"), fullPage: true });
});

test("an admin disables and re-enables a playbook, audited", async ({ page }) => {
  const env = e2eEnv();
  await signIn(page, env.adminEmail, env.adminPassword);
  await page.goto("/playbooks");
  const row = page.locator('[data-playbook="e2e-gated-disable"]');
  await row.getByRole("switch", { name: "Disable playbook e2e-gated-disable" }).click();
  await expect(row.getByRole("switch", { name: "Enable playbook e2e-gated-disable" })).toHaveAttribute("aria-checked", "false");
  await page.screenshot({ path: shot("playbooks-admin"), fullPage: true });
  const db = e2eDb();
  await expect.poll(async () => (await db.select().from(playbooks).where(eq(playbooks.id, "e2e-gated-disable")))[0]?.enabled).toBe(false);
  await row.getByRole("switch", { name: "Enable playbook e2e-gated-disable" }).click();
  await expect(row.getByRole("switch", { name: "Disable playbook e2e-gated-disable" })).toHaveAttribute("aria-checked", "true");
  const audits = await db.select().from(auditLog).where(eq(auditLog.subject, "playbook:e2e-gated-disable")).orderBy(asc(auditLog.id));
  expect(audits.map((a) => a.action)).toEqual(["playbook.disable", "playbook.enable"]);
});

// Story: an analyst has the case open while two gated runs wait on it. A manager (in another
// browser) approves one from the inbox and the other from the signed link of its notification;
// the analyst's page shows each run continue to the end without a reload.
test("the analyst's open case page follows approvals from the inbox and the signed link live", async ({ browser, request }) => {
  const db = e2eDb();
  const analyst = await seedUser(db, "analyst");
  const manager = await seedUser(db, "manager");
  const source = await db.transaction((tx) => createSource(tx, "test", { slug: `e2e-gated-live-${Date.now() % 100_000}` }));
  const res = await request.post(`/api/webhooks/${source.slug}`, {
    headers: { authorization: `Bearer ${source.secret}`, "content-type": "application/json" },
    data: { id: `gated-live-${Date.now()}`, title: "Password spray against finance accounts", severity: "high", category: "password_spray", user: "dana", src_ip: "203.0.113.61" },
  });
  expect(res.status()).toBe(202);
  const { caseId } = (await res.json()) as { caseId: string };
  const start = (user: string) => db.transaction((tx) => startRun(tx, { playbookId: "e2e-gated-disable", caseId, requestedBy: analyst.id, input: { user }, actor: `user:${analyst.id}` }));
  const [inboxRun, linkRun] = [await start("dana"), await start("evan")];
  const pendingOf = async (runId: string) => (await db.select().from(approvals).where(eq(approvals.runId, runId)))[0];
  await expect.poll(async () => (await pendingOf(inboxRun))?.status).toBe("pending");
  await expect.poll(async () => (await pendingOf(linkRun))?.status).toBe("pending");

  const analystContext = await browser.newContext();
  const managerContext = await browser.newContext();
  try {
    const casePage = await analystContext.newPage();
    await signIn(casePage, analyst.email, TEST_PASSWORD);
    await casePage.goto(`/cases/${caseId}`);
    await expect(casePage.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    // A marker on the window: a reload or navigation would lose it.
    await casePage.evaluate(() => ((window as unknown as { vigilMarker: string }).vigilMarker = "same page"));
    const runCard = (runId: string) => casePage.getByTestId("run").filter({ has: casePage.locator(`a[href="/runs/${runId}"]`) });
    await expect(runCard(inboxRun).locator("[data-status]").first()).toHaveAttribute("data-status", "waiting");
    await expect(runCard(linkRun).locator("[data-status]").first()).toHaveAttribute("data-status", "waiting");
    await casePage.screenshot({ path: shot("case-runs-waiting"), fullPage: true });

    // 1. From the inbox.
    const inbox = await managerContext.newPage();
    await signIn(inbox, manager.email, TEST_PASSWORD);
    await inbox.goto("/approvals");
    const card = inbox.getByTestId("approval-card").filter({ hasText: "Disable dana in corp.example" });
    await card.getByLabel(/Reason/).fill("Spray confirmed from the VPN logs");
    await card.getByRole("button", { name: "Approve" }).click();
    await expect(runCard(inboxRun).locator("[data-status]").first()).toHaveAttribute("data-status", "succeeded");
    await expect(runCard(inboxRun).getByTestId("run-step").filter({ hasText: "disable account" })).toBeVisible();
    await expect(casePage.getByTestId("timeline-entry").filter({ hasText: "Disabled dana after approval" })).toBeVisible();
    await expect(runCard(linkRun).locator("[data-status]").first()).toHaveAttribute("data-status", "waiting");

    // 2. From the signed link in the notification (the manager is signed in already).
    const link = pathOf(await approvalLinkFor(db, (await pendingOf(linkRun))!.id, manager.id));
    await inbox.goto(link);
    await expect(inbox.getByTestId("approval-title")).toHaveText("Disable evan in corp.example");
    await inbox.getByRole("button", { name: "Approve" }).click();
    await expect(inbox.getByTestId("approval-card")).toHaveAttribute("data-status", "approved");
    await expect(runCard(linkRun).locator("[data-status]").first()).toHaveAttribute("data-status", "succeeded");
    await expect(casePage.getByTestId("timeline-entry").filter({ hasText: "Disabled evan after approval" })).toBeVisible();
    await expect(casePage.getByTestId("timeline-entry").filter({ hasText: "approved “Disable evan in corp.example” from the signed link" })).toBeVisible();
    expect(await casePage.evaluate(() => (window as unknown as { vigilMarker?: string }).vigilMarker)).toBe("same page");
    await casePage.evaluate(() => window.scrollTo(0, 0));
    await casePage.screenshot({ path: shot("case-runs-approved-live"), fullPage: true });
  } finally {
    await analystContext.close();
    await managerContext.close();
  }
});
