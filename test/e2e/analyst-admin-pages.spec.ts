// Stories about who sees what: an analyst has no admin navigation, gets a 403 page for admin
// pages and FORBIDDEN from admin procedures; an admin reviews users, the audit chain and metrics.
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { approvals } from "../../src/server/db/schema";
import { approvalLinkFor } from "../../src/server/engine/approval-links";
import { startRun } from "../../src/server/engine/runs";
import { e2eDb, e2eEnv, e2eSource, e2eUser, screenshot, signIn } from "./helpers";

test("analyst cannot see admin pages", async ({ page }) => {
  const ana = await e2eUser("analyst", "Ana Admin-Curious");
  await signIn(page, ana.email, ana.password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" })).toBeVisible();
  await expect(page.getByTestId("admin-menu")).toHaveCount(0);
  for (const path of ["/users", "/audit", "/settings/sources", "/settings/connections"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toContainText("This page is for administrators");
  }
  await screenshot(page, "analyst-forbidden", false);

  const list = await page.request.get("/api/trpc/users.list");
  expect(list.status()).toBe(403);
  const audit = await page.request.get("/api/trpc/audit.verify");
  expect(audit.status()).toBe(403);
  const create = await page.request.post("/api/trpc/users.create", {
    headers: { "content-type": "application/json", origin: e2eEnv().url },
    data: { json: { email: "mallory@example.test", name: "Mallory", role: "admin", password: "a long enough password" } },
  });
  expect(create.status()).toBe(403);
  expect(((await create.json()) as { error: { json: { message: string } } }).error.json.message).toBe("this needs the admin role");
});

test("analyst sees a pending approval but cannot approve it, in the inbox, by API or by a manager's link", async ({ page }) => {
  const db = e2eDb();
  const ana = await e2eUser("analyst", "Ana No-Approve");
  const manager = await e2eUser("manager", "Max Approver");
  const runId = await db.transaction((tx) => startRun(tx, { playbookId: "e2e-gated-disable", input: { user: "gina" }, actor: "test" }));
  await expect.poll(async () => (await db.select().from(approvals).where(eq(approvals.runId, runId)))[0]?.status).toBe("pending");
  const [approval] = await db.select().from(approvals).where(eq(approvals.runId, runId));

  await signIn(page, ana.email, ana.password);
  await page.goto("/approvals");
  const card = page.getByTestId("approval-card").filter({ hasText: "Disable gina in corp.example" });
  await expect(card.getByTestId("cannot-decide")).toHaveText("deciding needs the manager role");
  await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await screenshot(page, "approvals-analyst");

  const decide = await page.request.post("/api/trpc/approvals.decide", {
    headers: { "content-type": "application/json", origin: e2eEnv().url },
    data: { json: { approvalId: approval!.id, decision: "approve", paramsHash: approval!.paramsHash } },
  });
  expect(decide.status()).toBe(403);
  // A manager's signed link, forwarded to the analyst, decides nothing either.
  await page.goto(new URL(await approvalLinkFor(db, approval!.id, manager.id)).pathname);
  await expect(page.getByTestId("link-problem")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  expect((await db.select().from(approvals).where(eq(approvals.id, approval!.id)))[0]?.status).toBe("pending");
});

test("admin reviews users, the audit chain and metrics, in light and dark", async ({ page, request }) => {
  const env = e2eEnv();
  const siem = await e2eSource("metrics-siem");
  await siem.post(request, { id: `m-${Date.now()}`, title: "Impossible travel for frank", severity: "medium", category: "impossible_travel", user: "frank", src_ip: "203.0.113.50" });
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, env.adminEmail, env.adminPassword);
  // No stored preference: the theme follows the system (dark here).
  await expect(page.locator("html")).toHaveClass(/dark/);

  await page.getByTestId("admin-menu").locator("summary").click();
  for (const label of ["Alert sources", "Connections", "Ingest failures", "Users", "Audit log"]) await expect(page.getByTestId("admin-menu").getByRole("link", { name: label })).toBeVisible();
  await page.getByTestId("admin-menu").getByRole("link", { name: "Users" }).click();
  await expect(page.getByTestId("users-table")).toBeVisible();

  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByTestId("add-user-dialog");
  await dialog.getByLabel("Name").fill("Grace Manager");
  await dialog.getByLabel("Email").fill(`grace.${Date.now()}@example.test`);
  await dialog.getByLabel("Role").selectOption("manager");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("user-row").filter({ hasText: "Grace Manager" })).toBeVisible();
  await screenshot(page, "users");

  await page.goto("/audit");
  await expect(page.getByTestId("chain-status")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("audit-row").filter({ hasText: "user.create" }).first()).toBeVisible();
  await page.getByLabel("Action").selectOption("user.create");
  await expect(page.getByTestId("audit-row").first()).toContainText("user.create");
  await screenshot(page, "audit");

  await page.goto("/metrics");
  await expect(page.getByTestId("chart-alerts")).toBeVisible();
  await expect(page.getByTestId("top-observables")).toContainText("203.0.113.50");
  await screenshot(page, "metrics-dark");

  // Theme: system (dark) -> light, remembered across a reload although the system stays dark.
  await page.getByTestId("theme-toggle").click();
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-preference", "light");
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await expect(page.getByTestId("chart-alerts")).toBeVisible();
  await screenshot(page, "metrics-light");

  const prom = await request.get("/api/metrics");
  expect(prom.status()).toBe(200);
  expect(await prom.text()).toContain(`vigil_alerts_received_total{source="${siem.slug}"} 1`);
});
