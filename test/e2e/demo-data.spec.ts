// Story: a new admin opens Vigil on an empty installation, clicks "Load demo data" on the empty
// cases list, and sees the demo cases arrive, with their alerts and playbook runs. This spec
// starts its own Vigil (fresh database) because the shared e2e app already has cases.
import { expect, test } from "@playwright/test";
import { like } from "drizzle-orm";
import { alertSources } from "../../src/server/db/schema";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { seedUser, TEST_PASSWORD } from "../helpers/fixtures";
import { screenshot } from "./helpers";

let app: AppServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startAppServer({ label: "e2edemo" });
});
test.afterAll(async () => app?.stop());

test("an analyst sees the empty dashboard without the demo button", async ({ page }) => {
  const analyst = await seedUser(app.database.db, "analyst");
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Email").fill(analyst.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  await expect(page.getByTestId("cases-empty")).toContainText("No open cases");
  await expect(page.getByRole("button", { name: "Load demo data" })).toHaveCount(0);
});

test("new admin loads demo data from the empty dashboard and sees cases", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Email").fill(app.admin.email);
  await page.getByLabel("Password").fill(app.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();

  const empty = page.getByTestId("cases-empty");
  await expect(empty).toContainText("No open cases");
  await expect(empty.getByRole("button", { name: "Load demo data" })).toBeVisible();
  await screenshot(page, "demo-empty-dashboard", false);

  await empty.getByRole("button", { name: "Load demo data" }).click();
  await expect(page.getByText(/Demo data loaded: \d+ alerts in \d+ cases/)).toBeVisible({ timeout: 30_000 });
  const table = page.getByTestId("case-table");
  for (const title of ["Brute Force Access Behavior Detected", "Impossible travel", "Ransomware", "Reported phishing: Invoice 4471", "Cobalt Strike"])
    await expect(table.getByRole("link", { name: new RegExp(title, "i") }).first()).toBeVisible();
  await screenshot(page, "demo-cases");

  // The brute force case carries the story: the attacker's IP, and the run the alert triggered.
  await table.getByRole("link", { name: "Brute Force Access Behavior Detected" }).first().click();
  await expect(page.getByTestId("case-observables")).toContainText("203.0.113.77");
  await expect(page.getByTestId("run").first()).toBeVisible();
  await screenshot(page, "demo-brute-force-case");

  const sources = await app.database.db.select().from(alertSources).where(like(alertSources.slug, "demo-%"));
  expect(sources.length).toBe(9);
});
