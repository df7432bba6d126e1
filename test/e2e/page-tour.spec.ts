// Every page with real data, in light and dark, as an admin on a 1440x900 laptop: each page
// renders its heading, shows no error, does not scroll sideways, and is saved as a screenshot
// under test-results/screenshots/tour-<page>-<theme>.png for review.
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { approvals } from "../../src/server/db/schema";
import { startRun } from "../../src/server/engine/runs";
import { e2eDb, e2eEnv, e2eSource, screenshot, signIn } from "./helpers";

test.describe.configure({ timeout: 180_000 });

async function seed(request: Parameters<Parameters<typeof test>[2]>[0]["request"]) {
  const siem = await e2eSource("tour-siem");
  const edr = await e2eSource("tour-edr");
  const tag = Date.now() % 100_000;
  const first = await siem.post(request, { id: `t-${tag}-1`, title: "Brute force against erin on VPN", severity: "high", category: "brute_force", user: "erin", src_ip: "198.51.100.77" });
  await siem.post(request, { id: `t-${tag}-1`, title: "Brute force against erin on VPN", severity: "high", category: "brute_force", user: "erin", src_ip: "198.51.100.77" }); // a duplicate
  await siem.post(request, { id: `t-${tag}-2`, title: "Impossible travel for frank (Lisbon → Singapore in 40 min)", severity: "medium", category: "impossible_travel", user: "frank", src_ip: "203.0.113.50" });
  await edr.post(request, { id: `t-${tag}-3`, title: "Credential dumping (lsass access) on ws-42.corp.example by CORP\\mallory", severity: "critical", category: "credential_access", host: "ws-42.corp.example", user: "CORP\\mallory", sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" });
  await edr.post(request, { id: `t-${tag}-4`, title: "Suspicious PowerShell download cradle", severity: "low", category: "execution", host: "ws-7.corp.example" });
  const db = e2eDb();
  const runId = await db.transaction((tx) => startRun(tx, { playbookId: "e2e-gated-disable", caseId: first.caseId, input: { user: "erin" }, actor: "test" }));
  await expect.poll(async () => (await db.select().from(approvals).where(eq(approvals.runId, runId)))[0]?.status).toBe("pending");
  return { caseId: first.caseId, runId };
}

async function visit(page: Page, name: string, path: string, heading: RegExp | string, theme: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await expect(page.getByText(/Could not load|Something went wrong/)).toHaveCount(0);
  const { overflow, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The outermost elements that stick out on the right, so a failure names what to fix.
    const out = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1));
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").slice(0, 60)}"`;
    return { overflow: document.documentElement.scrollWidth - width, culprits: out.slice(0, 5).map(describe) };
  });
  expect(overflow, `${path} scrolls sideways by ${overflow}px: ${culprits.join(" | ")}`).toBeLessThanOrEqual(0);
  await screenshot(page, `tour-${name}-${theme}`);
}

for (const theme of ["light", "dark"] as const) {
  test(`every page renders with real data (${theme})`, async ({ page, request }) => {
    const { caseId, runId } = await seed(request);
    await page.emulateMedia({ colorScheme: theme });
    const env = e2eEnv();
    await signIn(page, env.adminEmail, env.adminPassword);
    await visit(page, "cases", "/cases", "Cases", theme);
    await visit(page, "case", `/cases/${caseId}`, "Timeline", theme);
    await visit(page, "alerts", "/alerts", "Alerts", theme);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await expect(page.getByTestId("alert-row").nth(1)).toHaveAttribute("data-active", "true");
    await visit(page, "runs", "/runs", "Playbook runs", theme);
    // Lists are keyboard-driven: j moves down, o opens.
    await page.keyboard.press("j");
    await expect(page.getByTestId("run-row").first()).toHaveAttribute("data-active", "true");
    await page.keyboard.press("o");
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    await visit(page, "run", `/runs/${runId}`, "Disable an account after approval", theme);
    await visit(page, "approvals", "/approvals", "Approvals", theme);
    await visit(page, "containment", "/containment", "Containment", theme);
    await visit(page, "playbooks", "/playbooks", "Playbooks", theme);
    await visit(page, "playbook", "/playbooks/block-attacker-ip", "Block attacker IP", theme);
    await visit(page, "metrics", "/metrics", "Metrics", theme);
    await visit(page, "sources", "/settings/sources", "Alert sources", theme);
    await visit(page, "connections", "/settings/connections", "Connections", theme);
    await visit(page, "ingest-failures", "/settings/ingest-failures", "Ingest failures", theme);
    await visit(page, "grouping", "/settings/grouping", "Grouping rules", theme);
    await visit(page, "users", "/users", "Users", theme);
    await visit(page, "audit", "/audit", "Audit log", theme);
  });
}
