// Per-test-file databases, cloned from a migrated template (like graphile-worker's own tests):
// the template is built once per schema version (its name carries a hash of drizzle/ and the
// playbooks), and CREATE DATABASE ... TEMPLATE makes each clone in a few milliseconds.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../../src/server/db/client";
import { migrateDatabase } from "../../src/server/db/migrate";
import { syncPlaybooks } from "../../src/server/engine/sync-playbooks";
import { testServerUrl, withDatabase } from "./postgres";

function hashTree(dir: string, hash = createHash("sha256")): ReturnType<typeof createHash> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(p, hash);
    else hash.update(entry.name).update(fs.readFileSync(p));
  }
  return hash;
}

export function templateName(): string {
  const h = hashTree(path.resolve("drizzle"));
  hashTree(path.resolve("playbooks"), h);
  return `vigil_tpl_${h.digest("hex").slice(0, 12)}`;
}

/** A connection to the test server's default database, for CREATE/DROP DATABASE. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Builds the template database once; concurrent callers wait on an advisory lock. */
export async function ensureTemplate(): Promise<string> {
  const name = templateName();
  const serverUrl = await testServerUrl();
  await withAdmin(async (admin) => {
    await admin.query("select pg_advisory_lock(7411099)");
    try {
      const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
      if (rowCount) return;
      const building = `${name}_build_${randomBytes(3).toString("hex")}`;
      await admin.query(`create database "${building}"`);
      const url = withDatabase(serverUrl, building);
      await migrateDatabase(url);
      const db = createDb(url, { max: 1 });
      try {
        await syncPlaybooks(db);
      } finally {
        await db.$client.end();
      }
      await admin.query(`alter database "${building}" rename to "${name}"`);
      await admin.query(`alter database "${name}" with is_template true`);
    } finally {
      await admin.query("select pg_advisory_unlock(7411099)");
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own; drop() removes it. `template` clones another template
 * (the benchmark's seeded one) with STRATEGY FILE_COPY, faster than WAL_LOG for big databases.
 */
export async function createTestDatabase(label = "t", options: { template?: string } = {}): Promise<TestDatabase> {
  const template = options.template ?? (await ensureTemplate());
  const name = `vigil_${label.replace(/[^a-z0-9]/gi, "").toLowerCase().slice(0, 20)}_${randomBytes(4).toString("hex")}`;
  const strategy = options.template ? " strategy file_copy" : "";
  await withAdmin((admin) => admin.query(`create database "${name}" template "${template}"${strategy}`));
  const url = withDatabase(await testServerUrl(), name);
  const db = createDb(url, { max: 5, applicationName: "vigil-test" });
  return {
    name,
    url,
    db,
    async drop() {
      await db.$client.end();
      await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
