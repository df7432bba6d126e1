// Shared steps of e2e stories: sign in, seed through the real CLI-level functions, post webhooks.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { createUser } from "../../src/server/auth/users";
import { createSource } from "../../src/server/intake/sources";
import { createDb, type Db } from "../../src/server/db/client";

export function e2eEnv() {
  const get = (k: string) => {
    const v = process.env[k];
    if (!v) throw new Error(`${k} is not set: run e2e tests through playwright (global setup)`);
    return v;
  };
  return { url: get("VIGIL_E2E_URL"), databaseUrl: get("VIGIL_E2E_DATABASE_URL"), adminEmail: get("VIGIL_E2E_ADMIN_EMAIL"), adminPassword: get("VIGIL_E2E_ADMIN_PASSWORD") };
}

let db: Db | undefined;
/** The e2e app's database, for arranging data and asserting rows. */
export function e2eDb(): Db {
  db ??= createDb(e2eEnv().databaseUrl, { max: 2 });
  return db;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** A user with a known password in the e2e database (unique email per call). */
export async function e2eUser(role: "analyst" | "manager" | "admin", name: string) {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${Math.random().toString(36).slice(2, 7)}@example.test`;
  const password = "correct horse battery staple";
  const user = await e2eDb().transaction((tx) => createUser(tx, "test", { email, name, role, password }));
  return { ...user, password };
}

/** An alert source and a function posting alerts to it through the real webhook. */
export async function e2eSource(slug: string) {
  const source = await e2eDb().transaction((tx) => createSource(tx, "test", { slug: `${slug}-${Math.random().toString(36).slice(2, 6)}` }));
  return {
    ...source,
    async post(request: APIRequestContext, body: Record<string, unknown>) {
      const res = await request.post(`${e2eEnv().url}/api/webhooks/${source.slug}`, { headers: { authorization: `Bearer ${source.secret}`, "content-type": "application/json" }, data: body });
      expect(res.status()).toBe(202);
      return (await res.json()) as { caseId: string; alertIds: string[] };
    },
  };
}

/** A full-page screenshot under test-results/screenshots, taken from the top (the header is sticky). */
export async function screenshot(page: Page, name: string, fullPage = true) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
}
