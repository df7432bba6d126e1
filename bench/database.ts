// The benchmark's database: a clone of a seeded one (100k cases / 1M alerts by default). The seeded
// database is built once per schema version and size, kept on the Postgres server as a template,
// and recorded in .vigil/bench/seed.json; later runs clone it in seconds (STRATEGY FILE_COPY).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/server/db/client";
import { createTestDatabase, ensureTemplate, withAdmin } from "../test/helpers/db";
import { testServerUrl, withDatabase } from "../test/helpers/postgres";
import { seedScale } from "../test/helpers/seed-scale";
import type { TestDatabase } from "../test/helpers/db";

const CACHE_DIR = path.resolve(".vigil/bench");

export interface SeedSize {
  cases: number;
  alertsPerCase: number;
}

/** The seeded template for this schema and size, built when missing. Returns its name and build time. */
export async function seededTemplate(size: SeedSize, log: (m: string) => void): Promise<{ name: string; builtNowSeconds: number | null }> {
  const template = await ensureTemplate();
  const name = `${template.replace("vigil_tpl_", "vigil_bseed_")}_${size.cases}x${size.alertsPerCase}`;
  const exists = await withAdmin(async (a) => (await a.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1);
  if (exists) return { name, builtNowSeconds: null };
  log(`seeding ${size.cases} cases / ${size.cases * size.alertsPerCase} alerts into ${name} (once per schema version)...`);
  const started = Date.now();
  const building = `${name}_b${randomBytes(2).toString("hex")}`;
  await withAdmin((a) => a.query(`create database "${building}" template "${template}"`));
  const db = createDb(withDatabase(await testServerUrl(), building), { max: 1 });
  try {
    await seedScale(db, size);
  } finally {
    await db.$client.end();
  }
  await withAdmin(async (a) => {
    await a.query(`alter database "${building}" rename to "${name}"`);
    await a.query(`alter database "${name}" with is_template true`);
  });
  const builtNowSeconds = (Date.now() - started) / 1000;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.writeFileSync(path.join(CACHE_DIR, "seed.json"), JSON.stringify({ database: name, ...size, alerts: size.cases * size.alertsPerCase, seconds: builtNowSeconds, at: new Date().toISOString() }, null, 2));
  return { name, builtNowSeconds };
}

/** A fresh database cloned from the seeded `template`; drop() removes it. */
export function cloneDatabase(template: string, label: string): Promise<TestDatabase> {
  return createTestDatabase(`bench_${label}`, { template });
}
