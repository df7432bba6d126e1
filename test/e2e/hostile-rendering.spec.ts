// Hostile content on every page that shows it: alerts whose title, description, user, host and
// raw fields carry markup and script, a comment in hostile markdown, and a user whose name is
// markup. The pages must show it all as text. Three traps catch a failure of escaping even though
// the CSP would block most of it anyway: any element carrying the probe attribute (injected markup),
// any `securitypolicyviolation` (something tried to run and the CSP was the only thing in the way),
// and any dialog or `window.__xss` assignment (something ran).
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { assignCase } from "../../src/server/cases/actions";
import { cases } from "../../src/server/db/schema";
import { e2eDb, e2eEnv, e2eSource, e2eUser, screenshot, signIn } from "./helpers";

const P = "data-xss-probe";
const PAYLOADS = [
  `<script ${P}>window.__xss="script"</script>`,
  `<img src=x ${P} onerror="window.__xss='img'">`,
  `"><svg ${P} onload="window.__xss='svg'">`,
  `'-alert(1)-'`,
  `<iframe ${P} srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `javascript:window.__xss='href'`,
  `{{constructor.constructor('window.__xss="tpl"')()}}`,
  `<a ${P} href="javascript:window.__xss='a'">click</a>`,
];
const TITLE = `Pwn ${PAYLOADS[0]} ${PAYLOADS[1]}`;
const USER_NAME = `Mallory <img src=x ${P} onerror="window.__xss='name'">`;
const COMMENT = [
  `Look: <script ${P}>window.__xss='comment'</script>`,
  `<img src=x ${P} onerror="window.__xss='comment-img'">`,
  `[click me](javascript:window.__xss='md-link') and ![pic](javascript:window.__xss='md-img')`,
  `<details open ${P} ontoggle="window.__xss='toggle'">x</details>`,
].join("\n\n");

async function armTraps(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.sample}`));
  });
  return dialogs;
}

/** Fails when anything hostile became markup, ran, or had to be stopped by the CSP. */
async function expectInert(page: Page, dialogs: string[], where: string) {
  // Not "networkidle": the live-updates stream keeps a request open. Let hydration and queries settle.
  await page.waitForLoadState("load");
  await page.waitForTimeout(1_000);
  const state = await page.evaluate((probe) => {
    const w = window as unknown as { __xss?: unknown; __violations: string[] };
    return { probes: document.querySelectorAll(`[${probe}]`).length, xss: w.__xss ?? null, violations: w.__violations, javascriptLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length };
  }, P);
  expect(state, where).toEqual({ probes: 0, xss: null, violations: [], javascriptLinks: 0 });
  expect(dialogs, where).toEqual([]);
}

test("hostile alert content, comments and user names render as text on every page", async ({ page, request }) => {
  test.setTimeout(150_000);
  const env = e2eEnv();
  const dialogs = await armTraps(page);
  const source = await e2eSource("hostile");
  const { caseId } = await source.post(request, {
    id: `hostile-${Date.now()}`,
    title: TITLE,
    severity: "high",
    description: PAYLOADS.join("\n"),
    user: PAYLOADS[2],
    host: PAYLOADS[4],
    src_ip: "203.0.113.66",
    extra: { html: PAYLOADS[7], nested: [PAYLOADS[3], PAYLOADS[5], PAYLOADS[6]] },
  });
  const [row] = await e2eDb().select({ number: cases.number }).from(cases).where(eq(cases.id, caseId));
  const mallory = await e2eUser("analyst", USER_NAME);

  await signIn(page, env.adminEmail, env.adminPassword);

  // Cases list: the title is text.
  await page.goto("/cases");
  await expect(page.getByText(TITLE, { exact: true }).first()).toBeVisible();
  await expectInert(page, dialogs, "cases list");
  await screenshot(page, "hostile-cases-list", false);

  // Case detail: title, observables, raw payload opened; assign to Mallory; post a hostile comment.
  await page.goto(`/cases/${row!.number}`);
  await expect(page.getByTestId("case-title")).toHaveText(TITLE);
  await page.getByTestId("case-alert").first().getByText("Raw payload").click();
  const raw = page.getByTestId("raw-payload").first();
  await expect(raw).toContainText(JSON.stringify(PAYLOADS[7]));
  await expect(raw).toContainText(JSON.stringify(PAYLOADS[4]));
  await e2eDb().transaction((tx) => assignCase(tx, { id: mallory.id, name: mallory.name }, { caseId, assigneeId: mallory.id }));
  await page.getByTestId("comment-input").fill(COMMENT);
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("timeline-entry").filter({ hasText: "Look:" });
  await expect(comment).toBeVisible();
  await expect(comment.getByText("click me")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("case-title")).toHaveText(TITLE);
  await page.getByTestId("case-alert").first().getByText("Raw payload").click();
  await expect(page.getByTestId("raw-payload").first()).toBeVisible();
  await expect(page.getByText(USER_NAME).first()).toBeVisible();
  await expectInert(page, dialogs, "case detail");
  await screenshot(page, "hostile-case-detail");

  // Alerts list, runs, users and the audit trail.
  for (const [path, name] of [
    ["/alerts", "hostile-alerts"],
    ["/runs", "hostile-runs"],
    ["/users", "hostile-users"],
    ["/audit", "hostile-audit"],
  ] as const) {
    await page.goto(path);
    await expectInert(page, dialogs, path);
    await screenshot(page, name, false);
  }
  await page.goto("/alerts");
  await expect(page.getByText(TITLE, { exact: true }).first()).toBeVisible();
  await page.goto("/users");
  await expect(page.getByText(USER_NAME, { exact: true })).toBeVisible();
});
