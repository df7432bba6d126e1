// Story: an admin adds an Active Directory/LDAP connection (StartTLS with the directory's CA),
// tests it and sees the bind fail with a wrong password, fixes only the password (credentials are
// write-only), and sees the test pass; the secret never reaches the page.
import { expect, test } from "@playwright/test";
import { e2eEnv, signIn } from "./helpers";
import { startSlapd, type SlapdServer } from "../services/ldap";

let ldap: SlapdServer;
test.beforeAll(async () => {
  ldap = await startSlapd();
});
test.afterAll(async () => {
  await ldap?.stop();
});

test("admin adds a connection and tests it", async ({ page }) => {
  const env = e2eEnv();
  await signIn(page, env.adminEmail, env.adminPassword);
  await page.getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();

  await page.getByRole("button", { name: "Add connection" }).click();
  const form = page.getByRole("form", { name: "Add connection" });
  await form.getByLabel("Integration", { exact: true }).selectOption({ label: "Active Directory / LDAP" });
  await form.getByRole("textbox", { name: "Name", exact: true }).fill("corp-ldap");
  await form.getByLabel("Server URL").fill(ldap.url);
  await form.getByLabel("Use StartTLS").check();
  await form.getByLabel("CA certificate (PEM)").fill(ldap.caCert);
  await form.getByLabel("Bind DN").fill(ldap.adminDn);
  await form.getByLabel("Base DN").fill(ldap.baseDn);
  await form.getByLabel("Directory").selectOption("openldap");
  await form.getByLabel("Bind password").fill("not-the-password");
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status")).toContainText('Connection "corp-ldap" added');

  const row = page.getByTestId("connection-row").filter({ hasText: "corp-ldap" });
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("test-result")).toHaveAttribute("data-ok", "false");
  await expect(row.getByTestId("test-result")).toContainText(`bind as ${ldap.adminDn} was refused: invalid credentials`);

  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit connection corp-ldap" });
  await expect(edit.getByLabel("Bind password")).toHaveValue("");
  await expect(edit.getByLabel("Bind password")).toHaveAttribute("placeholder", "stored; leave empty to keep");
  await expect(edit.getByLabel("Bind DN")).toHaveValue(ldap.adminDn);
  await edit.getByLabel("Bind password").fill(ldap.adminPassword);
  await edit.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status")).toContainText('Connection "corp-ldap" saved');

  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("test-result")).toHaveAttribute("data-ok", "true");
  await expect(row.getByTestId("test-result")).toContainText(`Bound as ${ldap.adminDn} over StartTLS; base DN ${ldap.baseDn} found`);
  expect(await page.content()).not.toContain(ldap.adminPassword);
  await page.screenshot({ path: "test-results/screenshots/connections.png", fullPage: true });

  await page.getByRole("button", { name: "Add connection" }).click();
  await page.screenshot({ path: "test-results/screenshots/connection-form.png", fullPage: true });
});
