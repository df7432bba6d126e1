// Story: an analyst uses Vigil under a strict Content-Security-Policy. Pages carry a per-request
// nonce, hydrate and work (sign in, cases, runs, a 404) without a single CSP violation, while a
// script injected into the HTML or the DOM is refused by the browser.
import { expect, test, type Page } from "@playwright/test";
import { e2eEnv, signIn } from "./helpers";

interface Violation {
  directive: string;
  blocked: string;
}
declare global {
  interface Window {
    __cspViolations: Violation[];
    __pwned?: number;
  }
}

/** Records CSP violations reported by the page (an init script runs outside the page's CSP). */
async function watchViolations(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  return consoleErrors;
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations);

function directives(header: string): Map<string, string[]> {
  return new Map(header.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

test("pages load with a nonce-based CSP, hydrate and work with no violations", async ({ page }) => {
  const consoleErrors = await watchViolations(page);
  const env = e2eEnv();

  const response = await page.goto("/login");
  const csp = directives(response!.headers()["content-security-policy"] ?? "");
  const scriptSrc = csp.get("script-src") ?? [];
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc.some((s) => /^'nonce-[A-Za-z0-9+/]+=*'$/.test(s))).toBe(true);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["referrer-policy"]).toBe("same-origin");
  // A second load gets a different nonce.
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toBe(response!.headers()["content-security-policy"]);

  // Signing in needs the hydrated form (tRPC mutation), so reaching Cases proves scripts ran.
  await signIn(page, env.adminEmail, env.adminPassword);
  await expect(page.getByRole("heading", { name: "Cases" })).toBeVisible();
  await page.getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await page.goto("/no-such-page");
  await page.screenshot({ path: "test-results/screenshots/not-found.png" });
  await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();

  expect(await violations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("a script injected into the page's HTML or DOM is blocked", async ({ page }) => {
  await watchViolations(page);
  // Simulate stored XSS that slipped past escaping: the server's HTML gains an inline script.
  await page.route("**/login", async (route) => {
    const original = await route.fetch();
    const html = (await original.text()).replace("</body>", `<script>window.__pwned = 1</script><img src="/x.png" onerror="window.__pwned = 2"></body>`);
    await route.fulfill({ response: original, body: html });
  });
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/y.png" onerror="window.__pwned = 3">`));

  await expect.poll(async () => (await violations(page)).map((v) => v.directive).sort()).toEqual(["script-src-attr", "script-src-attr", "script-src-elem"]);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
