// Applies drizzle-kit's SQL migrations and graphile-worker's own schema, under an advisory lock
// so two processes starting together do not race.
import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Logger, runMigrations } from "graphile-worker";
import { sql } from "drizzle-orm";
import { createDb } from "./client";
import { projectRoot } from "../env";

const MIGRATION_LOCK = 7_411_001;

export async function migrateDatabase(connectionString: string): Promise<void> {
  const db = createDb(connectionString, { max: 1, applicationName: "vigil-migrate" });
  try {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migrate(db, { migrationsFolder: path.join(projectRoot(), "drizzle") });
    await runMigrations({ connectionString, logger: silentGraphileLogger() });
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  } finally {
    await db.$client.end();
  }
}

function silentGraphileLogger() {
  // graphile-worker logs every migration at info; we report once ourselves.
  return new Logger(() => (level: string, message: string) => {
    if (level === "error") console.error(message);
  });
}
