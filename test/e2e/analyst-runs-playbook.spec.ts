// Story: an analyst starts a playbook by hand on a case ("Block attacker IP") through its typed
// input form: a missing required field and a value the playbook's schema refuses are both
// explained next to the form, then a valid input starts the run, which shows on the case.
import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { auditLog, playbookRuns } from "../../src/server/db/schema";
import { e2eDb, e2eSource, e2eUser, screenshot, signIn } from "./helpers";

test("analyst runs a playbook manually with its typed input form", async ({ page, request }) => {
  const ana = await e2eUser("analyst", "Ana Runner");
  const fw = await e2eSource("fw");
  const tag = Date.now() % 100_000;
  const { caseId } = await fw.post(request, { id: `scan-${tag}`, title: `Port scan from 203.0.113.${tag % 250}`, severity: "medium", category: "recon", src_ip: `203.0.113.${tag % 250}` });

  await signIn(page, ana.email, ana.password);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("case-title")).toContainText("Port scan");
  await page.keyboard.press("r");
  const dialog = page.getByTestId("run-playbook-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Playbook").selectOption({ label: "Block attacker IP" });
  await expect(dialog.getByLabel("Duration")).toHaveValue("1h"); // the schema's default

  // 1. A required field left empty: said next to the field, nothing is started.
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog.getByText("IP is required")).toBeVisible();
  await screenshot(page, "run-playbook-invalid", false);

  // 2. A value the playbook's schema refuses: the server's reason, naming the field.
  await dialog.getByLabel("IP").fill("203.0.113.9");
  await dialog.getByLabel("Duration").fill("forever");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Could not start the run: input.duration");
  expect(await e2eDb().select().from(playbookRuns).where(and(eq(playbookRuns.caseId, caseId), eq(playbookRuns.playbookId, "block-attacker-ip")))).toHaveLength(0);

  // 3. Valid input: the run starts on this case with the typed input.
  await dialog.getByLabel("Duration").fill("2h");
  await dialog.getByLabel("Reason").fill("scanner hitting the VPN");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Block attacker IP started on case")).toBeVisible();
  const run = page.getByTestId("run").filter({ hasText: "Block attacker IP" });
  await expect(run).toBeVisible();
  await expect(run.getByTestId("run-step").filter({ hasText: "enrich ip" })).toBeVisible();
  await screenshot(page, "run-playbook-started");

  const [row] = await e2eDb().select().from(playbookRuns).where(and(eq(playbookRuns.caseId, caseId), eq(playbookRuns.playbookId, "block-attacker-ip")));
  expect(row?.input).toEqual({ ip: "203.0.113.9", duration: "2h", reason: "scanner hitting the VPN" });
  expect(row?.requestedBy).toBe(ana.id);
  const audit = await e2eDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subject, `run:${row!.id}`));
  expect(audit.map((a) => a.action)).toContain("run.start");
});
