// `vigil start` (npm start): Postgres (embedded unless DATABASE_URL), migrations, first admin,
// then the web app (next start, a child process) and the worker (this process).
// Ctrl-C / SIGTERM: web drains, worker lets running steps finish, then Postgres stops.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { env, projectRoot } from "../../server/env";
import { createDb } from "../../server/db/client";
import { migrateDatabase } from "../../server/db/migrate";
import { ensureFirstAdmin } from "../../server/auth/first-admin";
import { syncPlaybooks } from "../../server/engine/sync-playbooks";
import { secretKey } from "../../server/secrets/envelope";
import { startWorker } from "../../worker/runner";
import { survivePostgresOutages } from "../../worker/main";
import { logger } from "../../server/logger";
import { buildIsStale, buildWebApp } from "../build";
import { resolveDatabase } from "../database";

export async function prepareDatabase(url: string): Promise<void> {
  await migrateDatabase(url);
  const db = createDb(url, { max: 2, applicationName: "vigil-setup" });
  try {
    await syncPlaybooks(db);
    const admin = await db.transaction((tx) => ensureFirstAdmin(tx));
    if (admin) {
      const line = "=".repeat(72);
      console.log(`\n${line}\n  First start: an admin account was created. This password is shown ONCE.\n\n    email:    ${admin.email}\n    password: ${admin.password}\n\n  Sign in at ${process.env.VIGIL_PUBLIC_URL ?? `http://localhost:${env().PORT}`}/login and create named accounts.\n${line}\n`);
    }
  } finally {
    await db.$client.end();
  }
}

export function spawnWeb(url: string): ChildProcess {
  const root = projectRoot();
  return spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(env().PORT), "-H", env().HOSTNAME], {
    cwd: root,
    stdio: "inherit",
    detached: true, // own process group: we forward signals ourselves, in order
    env: { ...process.env, DATABASE_URL: url, VIGIL_PROCESS: "vigil-web", NEXT_TELEMETRY_DISABLED: "1" },
  });
}

export async function startCommand(): Promise<void> {
  const { url, embedded } = await resolveDatabase();
  secretKey(); // generate the key file before two processes race to do it
  await prepareDatabase(url);
  if (buildIsStale(projectRoot())) buildWebApp(projectRoot());

  const web = spawnWeb(url);
  survivePostgresOutages(logger());
  const worker = await startWorker({ connectionString: url, concurrency: env().VIGIL_WORKER_CONCURRENCY, log: logger() });
  console.log(`vigil: web on http://localhost:${env().PORT}  (database: ${embedded ? "embedded" : "DATABASE_URL"})`);

  let shuttingDown = false;
  const webExited = new Promise<void>((resolve) => web.once("exit", () => resolve()));
  const shutdown = async (reason: string, code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`vigil: ${reason}; stopping web and worker`);
    if (web.exitCode === null && web.pid) process.kill(web.pid, "SIGTERM");
    await Promise.all([worker.stop(), Promise.race([webExited, new Promise((r) => setTimeout(r, 15_000))])]);
    if (web.exitCode === null && web.pid) process.kill(web.pid, "SIGKILL");
    await embedded?.stop();
    console.log("vigil: stopped");
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown("interrupted", 0));
  process.once("SIGTERM", () => void shutdown("terminated", 0));
  web.once("exit", (code) => void shutdown(`web exited (code ${code})`, code ?? 1));
}
