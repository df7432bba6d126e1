// Starts Vigil once for all e2e specs and publishes how to reach it through the environment
// (Playwright workers inherit process.env from the global setup). Returns the teardown.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { registerPlaybook } from "../../src/server/engine/registry";
import gatedDisable from "../fixtures/engine/e2e/gated-disable";
import { startAppServer } from "../helpers/app-server";
import { ensureTemplate } from "../helpers/db";

export default async function globalSetup() {
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) execFileSync("bash", ["scripts/ensure-system-deps.sh"], { stdio: "inherit" });
  process.env.VIGIL_LOG_LEVEL ??= "warn";
  process.env.VIGIL_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64");
  await ensureTemplate();
  // A test-only playbook gated by an approval, known to the e2e worker (this process) only.
  registerPlaybook(gatedDisable, path.resolve("test/fixtures/engine/e2e/gated-disable.ts"));
  const app = await startAppServer({ label: "e2e" });
  process.env.VIGIL_E2E_URL = app.url;
  process.env.VIGIL_E2E_DATABASE_URL = app.database.url;
  process.env.VIGIL_E2E_ADMIN_EMAIL = app.admin.email;
  process.env.VIGIL_E2E_ADMIN_PASSWORD = app.admin.password;
  return async () => app.stop();
}
