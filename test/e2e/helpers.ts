// Shared steps of e2e stories: sign in, seed through the real CLI-level functions, post webhooks.
import { expect, type Page } from "@playwright/test";
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
