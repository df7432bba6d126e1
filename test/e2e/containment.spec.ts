// Story: a playbook disabled an LDAP account for a case; an analyst sees it on the containment
// page with its expiry and rolls it back with one click; the account can sign in again and the
// rollback is on the case timeline.
import { expect, test } from "@playwright/test";
import { Client } from "ldapts";
import { createUser } from "../../src/server/auth/users";
import { cases, playbookRuns } from "../../src/server/db/schema";
import { createConnection } from "../../src/server/integrations/connections";
import { invokeAction } from "../../src/server/integrations/invoke";
import type { ContainmentOutcome } from "../../src/server/integrations/ledger";
import { openConnectionById } from "../../src/server/integrations/open-connection";
import { logger } from "../../src/server/logger";
import { TEST_PASSWORD } from "../helpers/fixtures";
import { startSlapd, userDn, type SlapdServer } from "../services/ldap";
import { e2eDb, signIn } from "./helpers";

let ldap: SlapdServer;
test.beforeAll(async () => {
  ldap = await startSlapd();
});
test.afterAll(async () => {
  await ldap?.stop();
});

async function canBind(uid: string): Promise<boolean> {
  const client = new Client({ url: ldap.url });
  try {
    await client.bind(userDn(uid), `${uid}pw`);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind();
  }
}

test("analyst rolls back a disabled account from the containment page", async ({ page }) => {
  const db = e2eDb();
  const analyst = await db.transaction((tx) => createUser(tx, "test", { email: `analyst-${Date.now()}@example.test`, name: "Ana Lyst", role: "analyst", password: TEST_PASSWORD }));
  const [kase] = await db.insert(cases).values({ title: "Impossible travel for alice", severity: "high" }).returning({ id: cases.id, number: cases.number });
  const { id } = await db.transaction((tx) =>
    createConnection(tx, "test", { integration: "ldap", name: `ldap-${Date.now()}`, config: { url: ldap.url, startTls: true, caCert: ldap.caCert, bindDn: ldap.adminDn, baseDn: ldap.baseDn, flavor: "openldap", userDomains: ["e2e.example"] }, secret: { bindPassword: ldap.adminPassword } }),
  );
  const [run] = await db.insert(playbookRuns).values({ playbookId: "alert-summary", caseId: kase!.id, status: "running" }).returning({ id: playbookRuns.id });
  const outcome = (await invokeAction(db, {
    connection: await openConnectionById(db, id),
    action: "disableUser",
    params: { user: "alice" },
    options: { expiresIn: "4h" },
    actor: `playbook:${run!.id}`,
    run: { id: run!.id, playbookId: "alert-summary", caseId: kase!.id },
    idempotencyKey: `${run!.id}:disable alice`,
    log: logger(),
  })) as ContainmentOutcome;
  expect(outcome.status).toBe("active");
  expect(await canBind("alice")).toBe(false);

  await signIn(page, analyst.email, TEST_PASSWORD);
  await page.getByRole("link", { name: "Containment" }).click();
  const row = page.getByTestId("containment-row").filter({ hasText: "alice" });
  await expect(row).toContainText("disableUser");
  await expect(row).toContainText("in 4 hours");
  await page.screenshot({ path: "test-results/screenshots/containment.png", fullPage: true });

  await row.getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByTestId("containment-list")).toContainText("Nothing is contained right now");
  expect(await canBind("alice")).toBe(true);
  await page.getByRole("button", { name: "History" }).click();
  await expect(page.getByTestId("containment-row").filter({ hasText: "alice" })).toContainText("rolled back");

  await page.goto(`/cases/${kase!.number}`);
  await expect(page.getByTestId("case-timeline")).toContainText("rolled back disableUser on alice");
  await expect(page.getByTestId("case-containment")).toContainText("rolled back");
  await page.screenshot({ path: "test-results/screenshots/case-containment.png", fullPage: true });
});
