// The benchmark's database: a clone of a seeded one (100k cases / 1M alerts by default). The seeded
// database is built once per schema version and size, kept on the Postgres server as a template,
// and recorded in .vigil/bench/seed.json; later runs clone it in seconds (STRATEGY FILE_COPY).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/server/db/client";
import { ensureTemplate } from "../test/helpers/db";
import { testServerUrl, withDatabase } from "../test/helpers/postgres";
import { seedScale } from "../test/helpers/seed-scale";
import type { TestDatabase } from "../test/helpers/db";

const CACHE_DIR = path.resolve(".vigil/bench");

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

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

/** A fresh database cloned from `template`; drop() removes it. */
export async function cloneDatabase(template: string, label: string): Promise<TestDatabase> {
  const name = `vigil_bench_${label}_${randomBytes(3).toString("hex")}`;
  await withAdmin((a) => a.query(`create database "${name}" template "${template}" strategy file_copy`));
  const url = withDatabase(await testServerUrl(), name);
  const db = createDb(url, { max: 5, applicationName: "vigil-bench" });
  return {
    name,
    url,
    db,
    async drop() {
      await db.$client.end();
      await withAdmin((a) => a.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
