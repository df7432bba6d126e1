// Stories behind signed one-time links: a manager opens the approval link from a notification,
// signs in, approves, and the link cannot be used again; an end user answers a "was this you?"
// link and the waiting run receives the answer.
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { approvals, playbookRuns, runSignals } from "../../src/server/db/schema";
import { approvalLinkFor } from "../../src/server/engine/approval-links";
import { confirmationLink } from "../../src/server/engine/confirm-links";
import { startRun } from "../../src/server/engine/runs";
import { seedUser, TEST_PASSWORD } from "../helpers/fixtures";
import { e2eDb } from "./helpers";

const shot = (name: string) => `test-results/screenshots/${name}.png`;
const pathOf = (url: string) => new URL(url).pathname;

test("a manager approves through a signed link once", async ({ page }) => {
  const db = e2eDb();
  const manager = await seedUser(db, "manager");
  const runId = await db.transaction((tx) => startRun(tx, { playbookId: "e2e-gated-disable", input: { user: "bob" }, actor: "test" }));
  await expect.poll(async () => (await db.select().from(approvals).where(eq(approvals.runId, runId)))[0]?.status).toBe("pending");
  const [approval] = await db.select().from(approvals).where(eq(approvals.runId, runId));
  const link = pathOf(await approvalLinkFor(db, approval!.id, manager.id));

  await page.goto(link);
  await expect(page).toHaveURL(/\/login\?next=/); // signed out: sign in first, then back to the link
  await page.getByLabel("Email").fill(manager.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("approval-title")).toHaveText("Disable bob in corp.example");
  await expect(page.getByTestId("approval-params")).toContainText("bob");
  await page.screenshot({ path: shot("approval-link"), fullPage: true });
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("approval-card")).toHaveAttribute("data-status", "approved");
  await expect.poll(async () => (await db.select().from(playbookRuns).where(eq(playbookRuns.id, runId)))[0]?.status).toBe("succeeded");

  await page.goto(link);
  await expect(page.getByTestId("link-problem")).toContainText("This link was already used");
});

test("an end user answers a was-this-you link once", async ({ page }) => {
  const link = pathOf(confirmationLink({ event: "login.confirmed", data: { user: "carol", loginId: "L-77" }, question: "Did you sign in from Lisbon at 09:12 UTC?", expiresIn: "1h" }));
  await page.goto(link);
  await expect(page.getByTestId("confirm-question")).toHaveText("Did you sign in from Lisbon at 09:12 UTC?");
  await page.screenshot({ path: shot("confirm-link"), fullPage: true });
  await page.getByRole("button", { name: "No, it was not me" }).click();
  await expect(page.getByTestId("confirm-result")).toContainText("it was not you");
  const signals = await e2eDb().select().from(runSignals).where(eq(runSignals.event, "login.confirmed"));
  expect(signals.map((s) => s.data)).toEqual([{ user: "carol", loginId: "L-77", answer: "no" }]);
  await page.goto(link);
  await expect(page.getByTestId("link-problem")).toContainText("This link was already used");
});
